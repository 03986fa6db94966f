// The page cache (see page_cache.hpp): one file per entry, <dir>/<kind>/<first 2 hex>/<key>.
#include "gongwen/page_cache.hpp"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>

#include <xxhash.h>

namespace gongwen {
namespace {

bool is_safe_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    }
    return true;
}

}  // namespace

std::string PageCache::key(std::span<const std::byte> page_content, std::string_view settings) {
    XXH3_state_t* state = XXH3_createState();
    XXH3_128bits_reset(state);
    const std::uint64_t sizes[2] = {page_content.size(), settings.size()};
    XXH3_128bits_update(state, sizes, sizeof sizes);
    XXH3_128bits_update(state, page_content.data(), page_content.size());
    XXH3_128bits_update(state, settings.data(), settings.size());
    const XXH128_hash_t hash = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return hex;
}

std::string PageCache::library_identity(const void* address) {
    Dl_info info{};
    if (::dladdr(address, &info) == 0 || !info.dli_fname) return "";
    struct stat file {};
    if (::stat(info.dli_fname, &file) != 0) return "";
    const std::string identity = std::string(info.dli_fname) + "\n" + std::to_string(file.st_size) + "\n" +
                                 std::to_string(file.st_mtim.tv_sec) + "." + std::to_string(file.st_mtim.tv_nsec);
    return key({}, identity);
}

std::filesystem::path PageCache::entry_path(std::string_view kind, const std::string& key) const {
    // Kinds and keys become path parts: anything but plain names is refused, never a path escape.
    if (directory_.empty() || !is_safe_name(kind) || !is_safe_name(key) || key.size() < 2) return {};
    return directory_ / std::string(kind) / key.substr(0, 2) / key;
}

std::optional<std::string> PageCache::get(std::string_view kind, const std::string& key) const {
    if (!use_stored_) return std::nullopt;
    const auto path = entry_path(kind, key);
    if (path.empty()) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string value((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return value;
}

void PageCache::put(std::string_view kind, const std::string& key, std::string_view value) const {
    const auto path = entry_path(kind, key);
    if (path.empty()) return;
    static std::atomic<unsigned> counter{0};
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) return;
    const auto aside = path.parent_path() / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    {
        std::ofstream out(aside, std::ios::binary | std::ios::trunc);
        out.write(value.data(), static_cast<std::streamsize>(value.size()));
        if (!out.flush()) {
            std::filesystem::remove(aside, error);
            return;
        }
    }
    std::filesystem::rename(aside, path, error);
    if (error) std::filesystem::remove(aside, error);
}

void PageCache::configure(std::filesystem::path directory, bool use_stored) {
    directory_ = std::move(directory);
    use_stored_ = use_stored;
}

PageCache& page_cache() {
    static PageCache cache;
    return cache;
}

}  // namespace gongwen
