// Reading the zip containers that OFD, DOCX and XLSX files are, safely: a file from outside is
// assumed hostile. Member names that climb out of the archive (`../`, absolute paths), more
// members than any document has, and members that inflate past a byte budget (zip bombs, whose
// headers may lie about their sizes) are refused with a reason instead of being read. Linked
// statically into the plugins that read such files (plugins/common/CMakeLists.txt); not SDK.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::zip {

/// Why an archive was refused; the message is written for the user ("a member inflates past …").
class ArchiveError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Budgets for one archive. The defaults are far above any real 公文 (a 200-page DOCX inflates
/// to a few MB) and far below what would exhaust a worker's memory limit.
struct Limits {
    std::size_t max_members = 20'000;
    std::uint64_t max_member_bytes = 256ull << 20;   ///< one member, inflated
    std::uint64_t max_total_bytes = 512ull << 20;    ///< everything read from the archive, inflated
};

/// What a zip container holds, judged from its member names.
enum class ContainerKind { not_zip, ofd, docx, xlsx, other_zip };

/// A zip archive held in memory. The bytes are not copied: they must outlive the archive.
class Archive {
public:
    /// Throws ArchiveError when the bytes are no zip (or a truncated one), when a member name is
    /// unsafe, or when there are more members than `limits.max_members`.
    explicit Archive(std::span<const std::byte> bytes, Limits limits = {});
    ~Archive();
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    /// Member names in archive order (folders included, ending in '/').
    const std::vector<std::string>& names() const { return names_; }
    /// The stored name of `name`, compared exactly, else ignoring ASCII case (OPC part names are
    /// case-insensitive); nothing when absent.
    std::optional<std::string> find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name).has_value(); }
    /// A member inflated. Throws ArchiveError when absent, corrupt, or past a byte budget (counted
    /// as bytes come out, not from the header's claim).
    std::string read(std::string_view name);
    /// The member when present, else nothing; errors other than absence still throw.
    std::optional<std::string> read_if_present(std::string_view name);

    ContainerKind kind() const;

private:
    struct Handle;
    Handle* handle_ = nullptr;
    Limits limits_;
    std::uint64_t bytes_read_ = 0;
    std::vector<std::string> names_;
};

/// The container kind as far as the first bytes of a file tell: the names of the first local
/// file headers (a DOCX names `word/…` within its first members, an OFD `OFD.xml`). `other_zip`
/// when it is a zip whose first bytes name none of these (the member list decides then).
ContainerKind kind_from_head(std::span<const std::byte> head);

/// Whether `name` may be read: relative, no `..` segment, no backslash, no NUL.
bool is_safe_member_name(std::string_view name);

/// "OFD" / "Word (DOCX)" / "Excel (XLSX)" / "zip archive" for messages.
const char* describe(ContainerKind kind);

}  // namespace gongwen::zip
