// Legacy office formats by content (see ole_container.hpp). [MS-CFB] §2.6: a directory entry is
// 128 bytes, sector-aligned after the 512-byte header (sectors of 512 or 4096 bytes, both multiples
// of 128), its name UTF-16LE at offset 0 and the name's byte length including the terminator at
// offset 64. A name is only taken where both agree, so text inside a stream that happens to read
// "Workbook" does not count.
#include "ole_container.hpp"

#include <cstring>
#include <string>
#include <string_view>

namespace gongwen::legacy {
namespace {

constexpr unsigned char kOleMagic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

std::u16string_view as_utf16(const char16_t* text) { return text; }

bool has_directory_entry(std::span<const std::byte> bytes, std::u16string_view name) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    std::string pattern;
    for (char16_t c : name) pattern += static_cast<char>(c & 0xFF), pattern += static_cast<char>(c >> 8);
    pattern += std::string(2, '\0');   // the terminator: `Book` must not match `BookX`
    const std::string_view haystack(reinterpret_cast<const char*>(data), bytes.size());
    for (std::size_t at = haystack.find(pattern, 512); at != std::string_view::npos; at = haystack.find(pattern, at + 1)) {
        if ((at - 512) % 128 != 0 || at + 66 > bytes.size()) continue;
        const unsigned length = data[at + 64] | (data[at + 65] << 8);
        if (length == (name.size() + 1) * 2) return true;
    }
    return false;
}

}  // namespace

LegacyKind legacy_kind(std::span<const std::byte> bytes) {
    if (bytes.size() >= 5 && std::memcmp(bytes.data(), "{\\rtf", 5) == 0) return LegacyKind::rtf;
    if (bytes.size() < 512 || std::memcmp(bytes.data(), kOleMagic, sizeof kOleMagic) != 0) return LegacyKind::none;
    if (has_directory_entry(bytes, as_utf16(u"WordDocument"))) return LegacyKind::word;
    if (has_directory_entry(bytes, as_utf16(u"Workbook")) || has_directory_entry(bytes, as_utf16(u"Book"))) return LegacyKind::excel;
    return LegacyKind::ole_unknown;
}

}  // namespace gongwen::legacy
