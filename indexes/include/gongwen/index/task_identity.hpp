// A task's identity outside the index: what lets its state (task_state.hpp) follow it through
// re-ingest, compaction, re-OCR and moving the file, none of which keep Xapian document ids.
#pragma once

#include <string>
#include <string_view>

#include "gongwen/index/task_reader.hpp"
#include "gongwen/text.hpp"

namespace gongwen::index {

/// What names a task: its document (the normalized doc number, else the content hash, so a moved
/// or re-OCRed file is the same document) and its row (序号 and the task text without spaces and
/// punctuation, so a re-flowed line or a 、 read as , by OCR does not make it another task).
struct TaskKey {
    std::string doc_key;   ///< "no:" + normalized doc number, or "id:" + content-hash doc id
    int seq = 0;
    std::string text;      ///< normalized_task_text of the task
};

TaskKey task_key(const IndexedTask& entry);
/// 12 lowercase hex digits of a stable hash (FNV-1a 64) of the key: short enough to type.
/// `occurrence` > 0 tells apart tasks with the same key (one 序号 and text printed twice in a
/// document, or two documents given the same number): the second is 1, and so on.
std::string task_id(const TaskKey& key, int occurrence = 0);
/// Whether `text` looks like a task id (12 lowercase hex digits), before any lookup.
bool is_task_id(std::string_view text);

/// `text` without whitespace and punctuation (ASCII, CJK and full-width), UTF-8.
std::string normalized_task_text(std::string_view text);

/// How alike two task texts are: gongwen::edit_similarity (1 − edit distance / longer length).
using gongwen::edit_similarity;
/// A state whose exact key is gone moves to a task of the same document and 序号 whose normalized
/// text is at least this similar (a re-scanned copy whose OCR reads a few characters differently).
/// Measured on tests/fixtures' task_table.pdf against its scan: the rows OCR misread are 0.969
/// (3 slips in 65 characters) and 0.885 (4 in 26) similar; another task in the same place is far
/// below (0.3). Same document, same 序号 and no state of its own keep a looser bar safe.
inline constexpr double kFuzzyTaskSimilarity = 0.85;

}  // namespace gongwen::index
