// The one exception type plugins throw. The host turns it into a per-file error record.
#pragma once

#include <stdexcept>
#include <string>

namespace gongwen {

/// Whether a failure is about the file (skip it, go on) or about the plugin itself
/// (disable the plugin for the rest of the run and say so once).
enum class FailureScope { file, plugin };

/// Thrown by plugins. `what()` is a reason a user can act on: "encrypted, password required".
class ExtractionError : public std::runtime_error {
public:
    explicit ExtractionError(const std::string& reason, FailureScope scope = FailureScope::file)
        : std::runtime_error(reason), scope_(scope) {}
    FailureScope scope() const noexcept { return scope_; }

private:
    FailureScope scope_;
};

}  // namespace gongwen
