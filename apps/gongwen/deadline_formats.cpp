// Output formats of `gongwen deadlines` (see deadline_formats.hpp).
#include "deadline_formats.hpp"

#include <cstdlib>

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

std::string status_label(const DeadlineRow& row) {
    if (row.status == "archived") return row.state == "done" ? "已归档（已完成）" : row.state == "cancelled" ? "已归档（已取消）" : "已归档";
    if (row.status == "done") return "已完成";
    if (row.status == "cancelled") return "已取消";
    if (row.status == "overdue") return row.state == "in_progress" ? "逾期（进行中）" : "逾期";
    if (row.state == "in_progress") return "进行中";
    if (row.status == "due_soon") return "即将到期";
    if (row.status == "ongoing") return "长期";
    return "未到期";
}

void write_deadline_table(std::ostream& out, const std::vector<DeadlineRow>& rows) {
    // A row without a day shows its time limit as written (2024年春节前), which may be wider than a date.
    const auto due_of = [](const DeadlineRow& row) {
        return row.due.empty() ? (row.entry.task.deadline_text.empty() ? "-" : row.entry.task.deadline_text) : row.due;
    };
    std::size_t doc_width = 8, due_width = 10;
    for (const auto& row : rows) {
        doc_width = std::max(doc_width, display_width(row.entry.doc_number.value_or("-")));
        due_width = std::max(due_width, display_width(due_of(row)));
    }
    out << padded("STATUS", 10) << padded("状态", 16) << padded("DUE", due_width + 2) << padded("DOCUMENT", doc_width + 2) << padded("NO.", 5)
        << padded("UNITS", 30) << padded(" ID", 14) << "TASK\n";
    std::size_t overdue = 0, soon = 0, done = 0;
    for (const auto& row : rows) {
        overdue += row.status == "overdue";
        soon += row.status == "due_soon";
        done += row.status == "done";
        out << padded(row.status, 10) << padded(status_label(row), 16) << padded(due_of(row), due_width + 2) << padded(row.entry.doc_number.value_or("-"), doc_width + 2)
            << padded(std::to_string(row.entry.task.seq), 5) << padded(units_with_leads(row.entry), 30) << " "
            << padded(row.task_id, 14) << row.entry.task.task << "\n";
    }
    out << "\n" << rows.size() << (rows.size() == 1 ? " task" : " tasks") << ", " << overdue << " overdue, " << soon
        << " due within 14 days" << (done ? ", " + std::to_string(done) + " done" : std::string()) << "\n";
}

void write_deadline_json(std::ostream& out, const std::vector<DeadlineRow>& rows, std::optional<RowCount> count) {
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
                         {"section", task.section.empty() ? nlohmann::json(nullptr) : nlohmann::json(task.section)},
                         {"task_id", row.task_id},
                         {"state", row.state},
                         {"done_on", optional_json(row.done_on)},
                         {"note", optional_json(row.note)}});
    }
    nlohmann::json listing{{"tasks", tasks}};
    if (count) {
        listing["total"] = count->total;
        listing["total_exact"] = count->exact;
    }
    out << core::dump_json(listing, 2) << "\n";
}

CsvHeaders default_csv_headers() {
    // POSIX precedence: the first of these that is set decides.
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) return std::string_view(value).starts_with("zh") ? CsvHeaders::zh : CsvHeaders::en;
    }
    return CsvHeaders::en;
}

std::optional<CsvHeaders> parse_csv_headers(std::string_view word) {
    if (word == "zh") return CsvHeaders::zh;
    if (word == "en") return CsvHeaders::en;
    return std::nullopt;
}

void write_deadline_csv(std::ostream& out, const std::vector<DeadlineRow>& rows, CsvHeaders headers) {
    out << "\xEF\xBB\xBF";
    const char* english[] = {"doc_number", "title", "seq", "task", "units", "lead_units", "deadline_text", "due", "kind", "status", "section", "task_id", "state", "done_on", "note"};
    const char* chinese[] = {"文号", "文件标题", "序号", "任务", "责任单位", "牵头单位", "完成时限", "截止日期", "类型", "状态", "分类", "任务编号", "办理状态", "完成日期", "备注"};
    static_assert(std::size(english) == std::size(chinese));
    const auto& header = headers == CsvHeaders::zh ? chinese : english;
    for (std::size_t i = 0; i < std::size(header); ++i) out << (i ? "," : "") << csv_cell(header[i]);
    out << "\r\n";
    for (const auto& row : rows) {
        const Task& task = row.entry.task;
        const std::string cells[] = {row.entry.doc_number.value_or(""), row.entry.title.value_or(""), std::to_string(task.seq),
                                     task.task, join(task.units, "、"), join(task.lead_units, "、"), task.deadline_text,
                                     row.due, task.kind, row.status, task.section,
                                     row.task_id, row.state, row.done_on.value_or(""), row.note.value_or("")};
        for (std::size_t i = 0; i < std::size(cells); ++i) out << (i ? "," : "") << csv_cell(cells[i]);
        out << "\r\n";
    }
}

std::optional<std::string> recurrence_rule(std::string_view text, std::string_view due) {
    // Longest period words first: 每半年 before 每年, 每季度 before 每季.
    static const std::pair<std::string_view, std::string_view> periods[] = {
        {"每半年", "FREQ=MONTHLY;INTERVAL=6"}, {"每季度", "FREQ=MONTHLY;INTERVAL=3"}, {"每季", "FREQ=MONTHLY;INTERVAL=3"},
        {"每年", "FREQ=YEARLY"},               {"每月", "FREQ=MONTHLY"},             {"每两周", "FREQ=WEEKLY;INTERVAL=2"},
        {"每周", "FREQ=WEEKLY"},
    };
    for (const auto& [word, rule] : periods) {
        if (text.find(word) == std::string_view::npos) continue;
        std::string made(rule);
        const auto first = parse_iso_date(std::string(due));
        if (made.starts_with("FREQ=MONTHLY") && first && first->day == days_in_month(first->year, first->month)) {
            made += ";BYMONTHDAY=-1";
        }
        return made;
    }
    return std::nullopt;
}

namespace {

std::string ics_day(const std::string& iso) { return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2); }

/// The day after an ISO date, as an iCalendar DATE: an all-day event ends (exclusively) then.
std::string ics_next_day(const std::string& iso) {
    auto date = parse_iso_date(iso);
    if (!date) return ics_day(iso);
    if (++date->day > days_in_month(date->year, date->month)) {
        date->day = 1;
        if (++date->month > 12) date->month = 1, ++date->year;
    }
    return ics_day(date->iso());
}

void write_task_component(std::ostream& out, const DeadlineRow& row, const std::string& stamp, const IcsOptions& options) {
    const Task& task = row.entry.task;
    const bool event = options.kind == IcsOptions::Kind::event;
    const std::string component = event ? "VEVENT" : "VTODO";
    const std::string number = row.entry.doc_number.value_or("");
    const std::string summary = (number.empty() ? "" : number + " ") + std::to_string(task.seq) + ". " + task.task;
    write_ics_line(out, "BEGIN:" + component);
    write_ics_line(out, "UID:" + row.entry.doc_id + "-" + std::to_string(row.entry.index) + "@gongwen");
    write_ics_line(out, "DTSTAMP:" + stamp);
    if (event) {
        write_ics_line(out, "DTSTART;VALUE=DATE:" + ics_day(row.due));
        write_ics_line(out, "DTEND;VALUE=DATE:" + ics_next_day(row.due));
        write_ics_line(out, "TRANSP:TRANSPARENT");   // a deadline does not make the day busy
    } else {
        write_ics_line(out, "DUE;VALUE=DATE:" + ics_day(row.due));
    }
    write_ics_line(out, "SUMMARY:" + ics_text(summary));
    std::string description = "责任单位：" + units_with_leads(row.entry) + "\n完成时限：" + task.deadline_text;
    if (!task.section.empty()) description += "\n分类：" + task.section;
    if (row.entry.title) description += "\n文件：" + *row.entry.title;
    write_ics_line(out, "DESCRIPTION:" + ics_text(description));
    if (task.kind == "recurring") {
        write_ics_line(out, "CATEGORIES:recurring");
        // A VTODO's RRULE needs DTSTART, which a to-do list would show as a start date: to-dos
        // keep their next occurrence only, as before.
        if (event) {
            if (const auto rule = recurrence_rule(task.deadline_text, row.due)) write_ics_line(out, "RRULE:" + *rule);
        }
    }
    if (row.state == "done" || row.state == "cancelled") {
        write_ics_line(out, std::string("STATUS:") + (event || row.state == "cancelled" ? "CANCELLED" : "COMPLETED"));
    } else if (!event) {
        write_ics_line(out, "STATUS:NEEDS-ACTION");
    }
    if (event && options.alarm_days > 0) {
        // At 09:00 N days before: the event starts at midnight of the due day.
        const int hours_before = options.alarm_days * 24 - 9;
        write_ics_line(out, "BEGIN:VALARM");
        write_ics_line(out, "ACTION:DISPLAY");
        write_ics_line(out, "DESCRIPTION:" + ics_text("即将到期：" + summary));
        write_ics_line(out, "TRIGGER:-PT" + std::to_string(hours_before) + "H");
        write_ics_line(out, "END:VALARM");
    }
    write_ics_line(out, "END:" + component);
}

}  // namespace

void write_deadline_ics(std::ostream& out, const std::vector<DeadlineRow>& rows, const std::string& stamp, const IcsOptions& options) {
    write_ics_line(out, "BEGIN:VCALENDAR");
    write_ics_line(out, "VERSION:2.0");
    write_ics_line(out, "PRODID:-//gongwen//deadlines//ZH");
    write_ics_line(out, "CALSCALE:GREGORIAN");
    for (const auto& row : rows) {
        if (row.due.size() != 10) continue;   // ongoing work has no day to put in a calendar
        if ((row.state == "done" || row.state == "cancelled") && !options.include_done) continue;
        write_task_component(out, row, stamp, options);
    }
    write_ics_line(out, "END:VCALENDAR");
}

}  // namespace gongwen::app
