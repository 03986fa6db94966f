// Content hashes that identify documents (XXH3-128 via Debian's libxxhash).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace gongwen::core {

/// 32 lowercase hex digits of XXH3-128 over the bytes.
std::string content_hash(std::span<const std::byte> bytes);
/// 16 hex digits of XXH3-64: short keys (index metadata keys derived from paths).
std::string short_hash(std::string_view text);

}  // namespace gongwen::core
