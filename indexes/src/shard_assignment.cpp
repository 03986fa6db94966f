// Shard assignment (see shard_assignment.hpp).
#include "gongwen/index/shard_assignment.hpp"

#include <charconv>
#include <cstdint>
#include <stdexcept>

namespace gongwen::index {
namespace {

// A whole decimal number, nothing around it.
bool read_number(std::string_view text, int& value) {
    if (text.empty()) return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

ShardAssignment parse_shard_assignment(std::string_view text) {
    const std::string quoted = "--shard '" + std::string(text) + "'";
    const auto slash = text.find('/');
    ShardAssignment assignment;
    if (slash == std::string_view::npos || !read_number(text.substr(0, slash), assignment.number) ||
        !read_number(text.substr(slash + 1), assignment.count)) {
        throw std::invalid_argument(quoted + ": expected K/N, this shard's number and the number of shards (e.g. 2/3)");
    }
    if (assignment.count < 1) throw std::invalid_argument(quoted + ": the number of shards N must be at least 1");
    if (assignment.number < 1 || assignment.number > assignment.count) {
        throw std::invalid_argument(quoted + ": the shard number K must be from 1 to " + std::to_string(assignment.count));
    }
    return assignment;
}

int shard_of(std::string_view content_id, int count) {
    // The id is already a uniform hash: its first 64 bits, modulo N, split evenly.
    std::uint64_t value = 0;
    const std::string_view digits = content_id.substr(0, 16);
    std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
    return static_cast<int>(value % static_cast<std::uint64_t>(count)) + 1;
}

}  // namespace gongwen::index
