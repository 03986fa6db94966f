// Converting legacy office files with LibreOffice, headless, inside the worker process:
// `soffice --headless --convert-to docx|xlsx` run with fork/exec in its own process group, killed
// with the group when it passes its time limit, on a private profile directory per instance
// (LibreOffice refuses to run twice on one profile), in a temporary directory removed afterwards.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace gongwen::legacy {

class LibreOfficeConverter {
public:
    /// `soffice`: a path, or a name looked up in PATH. `profile_root`: where the private profile
    /// directory goes ("" = $XDG_CACHE_HOME/gongwen, else ~/.cache/gongwen).
    LibreOfficeConverter(std::string soffice, int timeout_seconds, std::string profile_root);
    ~LibreOfficeConverter();
    LibreOfficeConverter(const LibreOfficeConverter&) = delete;
    LibreOfficeConverter& operator=(const LibreOfficeConverter&) = delete;

    /// The soffice executable, or "" when it cannot be found.
    std::string executable() const;
    /// `input` (a file with extension `input_extension`: doc, xls, rtf) converted to `target`
    /// (docx or xlsx), as bytes. Throws ExtractionError with what went wrong and what to do.
    std::string convert(std::span<const std::byte> input, const std::string& input_extension, const std::string& target);
    /// "LibreOffice 7.4.7.2" (asked once), or "LibreOffice" when it does not say.
    const std::string& version();

private:
    std::string soffice_;
    int timeout_seconds_;
    std::string profile_root_;
    std::string profile_dir_;   // created on first conversion, removed by the destructor
    std::string version_;
};

}  // namespace gongwen::legacy
