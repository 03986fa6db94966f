// libzip over a memory buffer; see zip_archive.hpp for what is refused and why.
#include "zip_archive.hpp"

#include <zip.h>

#include <algorithm>
#include <cstring>

namespace gongwen::zip {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string libzip_message(zip_error_t* error) {
    const char* text = zip_error_strerror(error);
    return text ? text : "unknown zip error";
}

ContainerKind kind_of_names(const std::vector<std::string>& names) {
    const auto has = [&](std::string_view wanted) {
        return std::any_of(names.begin(), names.end(), [&](const std::string& name) { return iequals(name, wanted); });
    };
    if (has("OFD.xml")) return ContainerKind::ofd;
    if (has("word/document.xml")) return ContainerKind::docx;
    if (has("xl/workbook.xml")) return ContainerKind::xlsx;
    return ContainerKind::other_zip;
}

}  // namespace

struct Archive::Handle {
    zip_t* archive = nullptr;
};

bool is_safe_member_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos ||
        name.find('\0') != std::string_view::npos) {
        return false;
    }
    if (name.size() >= 2 && name[1] == ':') return false;   // C:foo
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('/', start), name.size());
        if (name.substr(start, end - start) == "..") return false;
        start = end + 1;
    }
    return true;
}

Archive::Archive(std::span<const std::byte> bytes, Limits limits) : limits_(limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        const std::string message = libzip_message(&error);
        zip_error_fini(&error);
        throw ArchiveError("cannot read the zip container: " + message);
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive) {
        zip_source_free(source);
        const std::string message = libzip_message(&error);
        zip_error_fini(&error);
        throw ArchiveError("not a readable zip container (truncated or damaged?): " + message);
    }
    zip_error_fini(&error);
    handle_ = new Handle{archive};
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0 || static_cast<std::uint64_t>(count) > limits_.max_members) {
        zip_discard(archive);
        delete handle_;
        throw ArchiveError("the zip container has " + std::to_string(count) + " members, more than the " +
                           std::to_string(limits_.max_members) + " any document has: refused as a possible zip bomb");
    }
    names_.reserve(static_cast<std::size_t>(count));
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
        const std::string text = name ? name : "";
        if (!is_safe_member_name(text)) {
            zip_discard(archive);
            delete handle_;
            throw ArchiveError("the zip container has a member named '" + text +
                               "' that points outside the archive: refused (path traversal)");
        }
        names_.push_back(text);
    }
}

Archive::~Archive() {
    if (handle_) {
        zip_discard(handle_->archive);
        delete handle_;
    }
}

std::optional<std::string> Archive::find(std::string_view name) const {
    for (const auto& stored : names_) {
        if (stored == name) return stored;
    }
    for (const auto& stored : names_) {
        if (iequals(stored, name)) return stored;
    }
    return std::nullopt;
}

std::string Archive::read(std::string_view name) {
    const std::optional<std::string> stored = find(name);
    if (!stored) throw ArchiveError("the container has no member '" + std::string(name) + "'");
    zip_file_t* file = zip_fopen(handle_->archive, stored->c_str(), 0);
    if (!file) {
        throw ArchiveError("member '" + *stored + "' cannot be opened: " + libzip_message(zip_get_error(handle_->archive)));
    }
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
        const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
        if (got < 0) {
            const std::string message = libzip_message(zip_file_get_error(file));
            zip_fclose(file);
            throw ArchiveError("member '" + *stored + "' is damaged: " + message);
        }
        if (got == 0) break;
        bytes_read_ += static_cast<std::uint64_t>(got);
        if (out.size() + static_cast<std::size_t>(got) > limits_.max_member_bytes || bytes_read_ > limits_.max_total_bytes) {
            zip_fclose(file);
            throw ArchiveError("member '" + *stored + "' inflates past " +
                               std::to_string((out.size() + static_cast<std::size_t>(got) > limits_.max_member_bytes
                                                   ? limits_.max_member_bytes
                                                   : limits_.max_total_bytes) >> 20) +
                               " MB: refused as a possible zip bomb");
        }
        out.append(buffer, static_cast<std::size_t>(got));
    }
    zip_fclose(file);
    return out;
}

std::optional<std::string> Archive::read_if_present(std::string_view name) {
    if (!contains(name)) return std::nullopt;
    return read(name);
}

ContainerKind Archive::kind() const { return kind_of_names(names_); }

ContainerKind kind_from_head(std::span<const std::byte> head) {
    const auto* data = reinterpret_cast<const unsigned char*>(head.data());
    const std::size_t size = head.size();
    if (size < 4 || std::memcmp(data, "PK\x03\x04", 4) != 0) return ContainerKind::not_zip;
    // Walk the local file headers as far as the head reaches: 30 fixed bytes, the name, the extra
    // field, then the compressed data (its size is in the header unless bit 3 defers it).
    std::vector<std::string> names;
    std::size_t at = 0;
    while (at + 30 <= size && std::memcmp(data + at, "PK\x03\x04", 4) == 0) {
        const auto u16 = [&](std::size_t offset) { return static_cast<std::size_t>(data[at + offset] | (data[at + offset + 1] << 8)); };
        const auto u32 = [&](std::size_t offset) {
            return static_cast<std::size_t>(data[at + offset]) | (static_cast<std::size_t>(data[at + offset + 1]) << 8) |
                   (static_cast<std::size_t>(data[at + offset + 2]) << 16) | (static_cast<std::size_t>(data[at + offset + 3]) << 24);
        };
        const std::size_t flags = u16(6), compressed = u32(18), name_length = u16(26), extra_length = u16(28);
        if (at + 30 + name_length > size) break;
        names.emplace_back(reinterpret_cast<const char*>(data + at + 30), name_length);
        if (flags & 0x08) break;   // sizes follow the data: the next header cannot be found from here
        at += 30 + name_length + extra_length + compressed;
    }
    for (const auto& name : names) {
        if (iequals(name, "OFD.xml")) return ContainerKind::ofd;
        if (name.size() >= 5 && iequals(name.substr(0, 5), "word/")) return ContainerKind::docx;
        if (name.size() >= 3 && iequals(name.substr(0, 3), "xl/")) return ContainerKind::xlsx;
    }
    return ContainerKind::other_zip;
}

const char* describe(ContainerKind kind) {
    switch (kind) {
        case ContainerKind::ofd: return "OFD";
        case ContainerKind::docx: return "Word (DOCX)";
        case ContainerKind::xlsx: return "Excel (XLSX)";
        case ContainerKind::other_zip: return "zip archive";
        case ContainerKind::not_zip: break;
    }
    return "file";
}

}  // namespace gongwen::zip
