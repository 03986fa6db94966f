// Task identity (see task_identity.hpp).
#include "gongwen/index/task_identity.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "gongwen/doc_number.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {
namespace {

bool is_space_or_punctuation(char32_t cp) {
    if (cp < 0x80) return cp <= 0x20 || (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
                          (cp >= 0x7B && cp <= 0x7F);
    return cp == 0xA0 || cp == 0xB7 || (cp >= 0x2000 && cp <= 0x206F) ||   // general punctuation, en/em spaces
           (cp >= 0x3000 && cp <= 0x303F) ||                               // CJK symbols and punctuation
           (cp >= 0xFE30 && cp <= 0xFE4F) ||                               // CJK compatibility forms
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65);
}

}  // namespace

std::string normalized_task_text(std::string_view text) {
    std::u32string kept;
    for (char32_t cp : to_u32(text)) {
        if (!is_space_or_punctuation(cp)) kept += cp;
    }
    return to_utf8(kept);
}

TaskKey task_key(const IndexedTask& entry) {
    TaskKey key;
    if (entry.doc_number) {
        if (const auto number = parse_doc_number(*entry.doc_number)) key.doc_key = "no:" + number->normalized;
        else if (const auto text = normalized_task_text(*entry.doc_number); !text.empty()) key.doc_key = "no:" + text;
    }
    if (key.doc_key.empty()) key.doc_key = "id:" + entry.doc_id;
    key.seq = entry.task.seq;
    key.text = normalized_task_text(entry.task.task);
    return key;
}

std::string task_id(const TaskKey& key, int occurrence) {
    // FNV-1a: a fixed, documented hash, so ids never change with a library version.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    auto add = [&](std::string_view part) {
        for (unsigned char c : part) hash = (hash ^ c) * 0x100000001b3ULL;
        hash = (hash ^ 0x1F) * 0x100000001b3ULL;   // unit separator: "a"+"bc" ≠ "ab"+"c"
    };
    add(key.doc_key);
    add(std::to_string(key.seq));
    add(key.text);
    if (occurrence > 0) add("#" + std::to_string(occurrence));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::string(hex, 12);
}

bool is_task_id(std::string_view text) {
    return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace gongwen::index
