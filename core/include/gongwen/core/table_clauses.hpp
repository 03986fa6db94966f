// The clauses of a document whose tables were located on the page: the body outside the tables,
// then one clause per task row (per row, for a table without tasks). Without this, a table page's
// lines are read as body text, the cells of neighbouring columns interleave line by line, and a
// search that hits a table shows a scrambled snippet (issue 16).
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::core {

/// The body's paragraphs without the tables: every word whose box centre lies inside a table
/// region of its page is left out (a line without words goes by its own box); a line left with
/// some of its words keeps those, as a paragraph of its own (a caption that the extractor joined
/// to a table line). A table ends a paragraph: the lines before and after it never join. A line
/// inside a table that the tables reader kept in no header, cell or task (a section row of a
/// statistics table) stays body text, as a paragraph of its own.
std::vector<Paragraph> paragraphs_outside_tables(const Document& document);

/// The clauses of the located tables (tables with regions), in table order: one per task
/// (tasks are matched to tables by `Table::tasks`, in order), path `附件 第N项` — `附件2 第N项`
/// under a numbered attachment, with the section's number (`附件 一、第2项`) when 序号 restarts per
/// section, with `表K` when one attachment holds several located tables — text
/// `task　责任单位：A、B　完成时限：…`, level 1; and one per row of a located table without tasks
/// (`附件2 第3行`, `姓名：王明　电话：…`), so that its text stays findable.
/// `body` is the body clauses, read for the attachment each table sits in.
std::vector<Clause> table_clauses(const Document& document, const std::vector<Clause>& body);

/// When any table of the document has regions: replaces `clauses` with the body outside the tables
/// (same paragraph rebuilding and clause splitting as the pipeline) followed by the table clauses,
/// and moves each deadline whose clause no longer holds its text to the clause that does (a date
/// of a task cell goes to that task's clause). `paragraphs` are left as they are: fields'
/// provenance points into them. A document without table regions is not touched.
void separate_table_clauses(Document& document);

}  // namespace gongwen::core
