// A disk cache for slow per-page work — OCR above all — shared by every worker process and kept
// across runs. It is keyed by what a page is, not by the file it is in: re-indexing after a plugin
// or config change, or a file that was only renamed or re-saved, does not OCR its pages again.
//
// For plugins (an OCR engine): build a key from the page's content (e.g. the rendered pixels) and
// from every setting the result depends on (engine version, language data, resolution); get();
// on a miss do the work and put() the result in whatever byte form the plugin likes. The host
// decides where the cache lives ([ingest] page_cache) and whether stored results may be used
// (`gongwen ingest --re-ocr` refreshes them instead).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gongwen {

class PageCache {
public:
    /// Hex XXH3-128 of `page_content` and `settings` (kept apart, so that moving bytes from one
    /// to the other changes the key).
    static std::string key(std::span<const std::byte> page_content, std::string_view settings);

    /// An identity of the build of the shared library that holds `address` (pass the address of
    /// one of your own functions): a hash of the library file's size and modification time, or
    /// "" when it cannot be found. Put it in the settings of a key, and results of an older build
    /// of the plugin (whose post-processing may differ) are never returned to a newer one.
    static std::string library_identity(const void* address);

    /// The stored value for (`kind`, `key`), or nothing: not stored, no cache, or refreshing.
    /// `kind` names the work ("ocr"), so that two plugins never read each other's values.
    std::optional<std::string> get(std::string_view kind, const std::string& key) const;
    /// Stores a value, replacing any. Atomic (written aside, then renamed): a worker killed
    /// mid-write leaves no torn entry, and concurrent workers may put the same key. A cache that
    /// cannot be written (disk full, read-only) is no error: the work is simply done again.
    void put(std::string_view kind, const std::string& key, std::string_view value) const;

    /// Host only: where entries live (empty: no cache), and whether get() may return them.
    void configure(std::filesystem::path directory, bool use_stored);
    const std::filesystem::path& directory() const { return directory_; }
    bool use_stored() const { return use_stored_; }

private:
    std::filesystem::path entry_path(std::string_view kind, const std::string& key) const;

    std::filesystem::path directory_;
    bool use_stored_ = true;
};

/// This process's cache (a worker's, or `gongwen extract`'s), configured by the host before any
/// plugin runs.
PageCache& page_cache();

}  // namespace gongwen
