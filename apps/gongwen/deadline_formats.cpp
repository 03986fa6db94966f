// Output formats of `gongwen deadlines` (see deadline_formats.hpp).
#include "deadline_formats.hpp"

#include <nlohmann/json.hpp>

#include "gongwen/core/document_json.hpp"
#include "gongwen/text.hpp"

namespace gongwen::app {
namespace {

std::string join(const std::vector<std::string>& names, const char* separator) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : separator) + name;
    return out;
}

nlohmann::json optional_json(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// Columns on a terminal: Han and full-width characters take two.
std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (char32_t cp : to_u32(text)) width += (cp >= 0x1100 && (is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60))) ? 2 : 1;
    return width;
}

std::string padded(const std::string& text, std::size_t width) {
    const std::size_t used = display_width(text);
    return text + std::string(used < width ? width - used : 0, ' ');
}

std::string units_with_leads(const index::IndexedTask& entry) {
    std::vector<std::string> names;
    for (const auto& unit : entry.task.units) {
        const bool leads = std::find(entry.task.lead_units.begin(), entry.task.lead_units.end(), unit) != entry.task.lead_units.end();
        names.push_back(leads ? unit + "（牵头）" : unit);
    }
    return join(names, "、");
}

std::string csv_cell(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values.
std::string ics_text(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == ';' || c == ',') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (c != '\r') out += c;
    }
    return out;
}

// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF and a space), never inside a
// UTF-8 sequence.
void write_ics_line(std::ostream& out, const std::string& line) {
    std::size_t start = 0, limit = 75;
    while (line.size() - start > limit) {
        std::size_t cut = start + limit;
        while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out << line.substr(start, cut - start) << "\r\n ";
        start = cut;
        limit = 74;   // the leading space counts
    }
    out << line.substr(start) << "\r\n";
}

}  // namespace

void write_deadline_table(std::ostream& out, const std::vector<DeadlineRow>& rows) {
    std::size_t doc_width = 8;
    for (const auto& row : rows) doc_width = std::max(doc_width, display_width(row.entry.doc_number.value_or("-")));
    out << padded("STATUS", 10) << padded("DUE", 12) << padded("DOCUMENT", doc_width + 2) << padded("NO.", 5)
        << padded("UNITS", 30) << "TASK\n";
    std::size_t overdue = 0, soon = 0;
    for (const auto& row : rows) {
        overdue += row.status == "overdue";
        soon += row.status == "due_soon";
        const std::string due = row.due.empty() ? (row.entry.task.deadline_text.empty() ? "-" : row.entry.task.deadline_text) : row.due;
        out << padded(row.status, 10) << padded(due, 12) << padded(row.entry.doc_number.value_or("-"), doc_width + 2)
            << padded(std::to_string(row.entry.task.seq), 5) << padded(units_with_leads(row.entry), 30) << " "
            << row.entry.task.task << "\n";
    }
    out << "\n" << rows.size() << (rows.size() == 1 ? " task" : " tasks") << ", " << overdue << " overdue, " << soon
        << " due within 14 days\n";
}

void write_deadline_json(std::ostream& out, const std::vector<DeadlineRow>& rows) {
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& row : rows) {
        const Task& task = row.entry.task;
        tasks.push_back({{"doc_number", optional_json(row.entry.doc_number)},
                         {"title", optional_json(row.entry.title)},
                         {"doc_id", row.entry.doc_id},
                         {"seq", task.seq},
                         {"task", task.task},
                         {"units", task.units},
                         {"lead_units", task.lead_units},
                         {"deadline_text", task.deadline_text},
                         {"due", row.due.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.due)},
                         {"kind", task.kind},
                         {"status", row.status},
                         {"section", task.section.empty() ? nlohmann::json(nullptr) : nlohmann::json(task.section)}});
    }
    out << core::dump_json(nlohmann::json{{"tasks", tasks}}, 2) << "\n";
}

void write_deadline_csv(std::ostream& out, const std::vector<DeadlineRow>& rows) {
    out << "\xEF\xBB\xBF";
    const char* header[] = {"doc_number", "title", "seq", "task", "units", "lead_units", "deadline_text", "due", "kind", "status", "section"};
    for (std::size_t i = 0; i < std::size(header); ++i) out << (i ? "," : "") << csv_cell(header[i]);
    out << "\r\n";
    for (const auto& row : rows) {
        const Task& task = row.entry.task;
        const std::string cells[] = {row.entry.doc_number.value_or(""), row.entry.title.value_or(""), std::to_string(task.seq),
                                     task.task, join(task.units, "、"), join(task.lead_units, "、"), task.deadline_text,
                                     row.due, task.kind, row.status, task.section};
        for (std::size_t i = 0; i < std::size(cells); ++i) out << (i ? "," : "") << csv_cell(cells[i]);
        out << "\r\n";
    }
}

void write_deadline_ics(std::ostream& out, const std::vector<DeadlineRow>& rows, const std::string& stamp) {
    write_ics_line(out, "BEGIN:VCALENDAR");
    write_ics_line(out, "VERSION:2.0");
    write_ics_line(out, "PRODID:-//gongwen//deadlines//ZH");
    write_ics_line(out, "CALSCALE:GREGORIAN");
    for (const auto& row : rows) {
        if (row.due.size() != 10) continue;   // ongoing work has no day to put in a calendar
        const Task& task = row.entry.task;
        const std::string day = row.due.substr(0, 4) + row.due.substr(5, 2) + row.due.substr(8, 2);
        const std::string number = row.entry.doc_number.value_or("");
        write_ics_line(out, "BEGIN:VTODO");
        write_ics_line(out, "UID:" + row.entry.doc_id + "-" + std::to_string(row.entry.index) + "@gongwen");
        write_ics_line(out, "DTSTAMP:" + stamp);
        write_ics_line(out, "DUE;VALUE=DATE:" + day);
        write_ics_line(out, "SUMMARY:" + ics_text((number.empty() ? "" : number + " ") + std::to_string(task.seq) + ". " + task.task));
        std::string description = "责任单位：" + units_with_leads(row.entry) + "\n完成时限：" + task.deadline_text;
        if (!task.section.empty()) description += "\n分类：" + task.section;
        if (row.entry.title) description += "\n文件：" + *row.entry.title;
        write_ics_line(out, "DESCRIPTION:" + ics_text(description));
        if (task.kind == "recurring") write_ics_line(out, "CATEGORIES:recurring");
        write_ics_line(out, "STATUS:NEEDS-ACTION");
        write_ics_line(out, "END:VTODO");
    }
    write_ics_line(out, "END:VCALENDAR");
}

}  // namespace gongwen::app
