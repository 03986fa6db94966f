// The docnumber enricher: the document's own 发文字号 (document.doc_number) and the documents it
// cites, 《title》（number） pairs and bare numbers (document.cited_documents). OCR slips in a 机关代字
// are repaired towards known codes (repair_files.hpp) and marked with repaired_from.
#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gongwen/doc_number.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/text.hpp"
#include "repair_files.hpp"

namespace {

using gongwen::CitedDocument;
using gongwen::DocNumber;
using gongwen::DocNumberRepair;
using gongwen::Paragraph;

constexpr int kDefaultHeadLines = 15;
/// An issuer name is at most ~30 characters (`中华人民共和国国家发展和改革委员会`: 17); in UTF-8 bytes.
constexpr std::size_t kMaxIssuerBytes = 30 * 3;

/// A paragraph's text with layout spaces removed (`中华人民共和国国务院令`, `第 707 号`) and trimmed.
std::string compact(std::string_view text) { return gongwen::trim(gongwen::remove_spaces_between_han(text)); }

bool ends_with(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }

/// Removes one pair of brackets around the whole text: `（国发〔2019〕5号）`.
std::string without_outer_brackets(const std::string& text) {
    for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
        if (text.starts_with(open) && text.ends_with(close) && text.size() > open.size() + close.size()) {
            return gongwen::trim(std::string_view(text).substr(open.size(), text.size() - open.size() - close.size()));
        }
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// The document's own number.

/// A 发文字号 line: the number alone (GB/T 9704 §7.2.4 centres it under the 发文机关标志), with the
/// 签发人 of a 上行文 on the same line (§7.2.5), in brackets under the title (web and 公报 copies),
/// or glued to the title by a web page (`鞍立政发〔2023〕2号立山区人民政府关于…`).
std::optional<DocNumber> number_line(const std::string& line) {
    if (auto number = gongwen::parse_doc_number(line)) return number;
    if (const auto signer = line.find("签发人"); signer != std::string::npos && signer > 0) {
        if (auto number = gongwen::parse_doc_number(line.substr(0, signer))) return number;
    }
    if (auto number = gongwen::parse_doc_number(without_outer_brackets(line))) return number;
    // Glued to the title: the number opens the line and a 关于 title follows within a few words.
    const auto matches = gongwen::find_doc_numbers(line);
    if (!matches.empty() && matches.front().begin == 0) {
        const std::size_t about = std::string_view(line).substr(matches.front().end).find("关于");
        if (about != std::string::npos && about <= kMaxIssuerBytes) return matches.front().number;
    }
    return std::nullopt;
}

/// True for the 序号 line under a 令 or 公告 标志: `第707号`, `2019年第12号`.
bool is_sequence_line(const std::string& line) {
    const bool year_first = line.size() > 4 && std::all_of(line.begin(), line.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                            line.compare(4, std::string_view("年第").size(), "年第") == 0;
    return line.starts_with("第") || year_first;
}

/// A 令 (or 公告) 标志 split from its number: `中华人民共和国国务院令` then `第707号` on the next
/// line (GB/T 9704 §10.1: 令 has the 发文机关标志 and the 令号 on separate lines; govcn-033/058).
std::optional<DocNumber> header_number(const std::string& line, const std::string& next) {
    if (!(ends_with(line, "令") || ends_with(line, "公告")) || line.size() > kMaxIssuerBytes || !is_sequence_line(next)) {
        return std::nullopt;
    }
    return gongwen::parse_doc_number(line + next);
}

std::optional<DocNumber> own_number_in_head(const std::vector<Paragraph>& paragraphs, int head_lines) {
    int seen = 0;
    for (std::size_t i = 0; i < paragraphs.size() && seen < head_lines; ++i) {
        const std::string line = compact(paragraphs[i].text);
        if (line.empty()) continue;   // extractors may keep blank paragraphs; they are no lines
        ++seen;
        // The number stands above the body: past its first sentence a number line is a web
        // page's list of other documents (`温政发〔2019〕8号` over a related article's title).
        if (line.find("。") != std::string::npos && gongwen::to_u32(line).size() > 30) break;
        if (auto number = number_line(line)) return number;
        std::size_t next = i + 1;
        while (next < paragraphs.size() && compact(paragraphs[next].text).empty()) ++next;
        if (next < paragraphs.size()) {
            if (auto number = header_number(line, compact(paragraphs[next].text))) return number;
        }
    }
    return std::nullopt;
}

/// Where a web metadata label (`发文字号：`, `文号：`, `文  号:`) ends in `text`, or npos. Labels may
/// share a line with others: `索  引  号: 011217651/2016-17785 文      号: 鄂州政发〔2016〕9号`.
std::size_t after_number_label(const std::string& text) {
    for (const std::string_view label : {"文号", "文字号"}) {
        for (std::size_t at = text.find(label); at != std::string::npos; at = text.find(label, at + 1)) {
            std::size_t pos = at + label.size();
            while (pos < text.size() && text[pos] == ' ') ++pos;
            if (text.compare(pos, 3, "：") == 0) return pos + 3;
            if (text.compare(pos, 1, ":") == 0) return pos + 1;
            // A label cell without a colon (`文　　号\t杭政办〔2023〕2号`) heads its line; the
            // number must then follow it at once (labelled_number checks).
            const std::string_view before = std::string_view(text).substr(0, at);
            if (before.empty() || before == "发") return pos;
        }
    }
    return std::string::npos;
}

/// The number a metadata line labels, if it starts right after the label.
std::optional<DocNumber> labelled_number(const std::string& line) {
    const std::size_t value = after_number_label(line);
    if (value == std::string::npos) return std::nullopt;
    const std::string rest = gongwen::trim(std::string_view(line).substr(value));
    const auto matches = gongwen::find_doc_numbers(rest);
    if (matches.empty() || matches.front().begin != 0) return std::nullopt;
    return matches.front().number;
}

/// Labels of web metadata blocks (domain notes §1.3; gov.cn: 索引号, 主题分类, 发文机关, 成文日期,
/// 发布日期). A 文号 label counts as metadata only next to one of these: a list of repealed
/// documents in a body also labels each with `文号：` (`发文单位：市科委 / 文号：沪科合〔2005〕第11号`
/// in a Shanghai 失效 notice), and those are citations.
bool has_metadata_label(const std::string& line) {
    for (const std::string_view label : {"索引号", "主题分类", "发文机关", "成文日期", "发布日期", "发文日期", "公开方式",
                                         "签署日期", "发布机构", "所属机构", "有效性", "统一登记号", "信息分类"}) {
        if (line.find(label) != std::string::npos) return true;
    }
    return false;
}

/// The paragraphs compacted, each when first asked for: the whole document is searched for a
/// labelled number, and almost no paragraph has one.
class CompactLines {
public:
    explicit CompactLines(const std::vector<Paragraph>& paragraphs) : paragraphs_(paragraphs), lines_(paragraphs.size()) {}
    std::size_t size() const { return lines_.size(); }
    const std::string& operator[](std::size_t i) {
        if (!lines_[i]) lines_[i] = compact(paragraphs_[i].text);
        return *lines_[i];
    }

private:
    const std::vector<Paragraph>& paragraphs_;
    std::vector<std::optional<std::string>> lines_;
};

bool in_metadata_block(CompactLines& lines, std::size_t at) {
    constexpr std::size_t kReach = 3;
    for (std::size_t i = at >= kReach ? at - kReach : 0; i < lines.size() && i <= at + kReach; ++i) {
        if (has_metadata_label(lines[i])) return true;
    }
    return false;
}

std::optional<DocNumber> own_number_in_metadata(const std::vector<Paragraph>& paragraphs) {
    CompactLines lines(paragraphs);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        // The labels (文号, 文字号) need 文 and 号, which compacting (dropping spaces) cannot add.
        const std::string_view raw = paragraphs[i].text;
        if (raw.find("文") == std::string_view::npos || raw.find("号") == std::string_view::npos) continue;
        if (auto number = labelled_number(lines[i]); number && in_metadata_block(lines, i)) return number;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Cited documents.

/// The title in 《…》 that ends right before `end` (spaces and one opening bracket between them
/// allowed: `《国务院关于…的意见》（国发〔2014〕60号）`), without the outer 《》. Inner 《》 are kept.
std::string title_before(const std::string& text, std::size_t end) {
    std::u32string before = gongwen::to_u32(std::string_view(text).substr(0, end));
    auto is_gap = [](char32_t c) { return c == U' ' || c == U'\u3000' || c == U'（' || c == U'('; };
    int brackets = 0;
    while (!before.empty() && is_gap(before.back())) {
        if (before.back() == U'（' || before.back() == U'(') ++brackets;
        before.pop_back();
    }
    if (brackets > 1 || before.empty() || before.back() != U'》') return "";
    int depth = 0;
    for (std::size_t i = before.size(); i-- > 0;) {
        if (before[i] == U'》') ++depth;
        if (before[i] == U'《' && --depth == 0) return gongwen::to_utf8(std::u32string_view(before).substr(i + 1, before.size() - i - 2));
    }
    return "";
}

/// The title in 《…》 that starts right after `begin`: `农办计〔2016〕92号《农业部办公厅关于…》`.
std::string title_after(const std::string& text, std::size_t begin) {
    const std::u32string after = gongwen::to_u32(std::string_view(text).substr(begin));
    std::size_t start = 0;
    while (start < after.size() && (after[start] == U' ' || after[start] == U'\u3000')) ++start;
    if (start >= after.size() || after[start] != U'《') return "";
    int depth = 0;
    for (std::size_t i = start; i < after.size(); ++i) {
        if (after[i] == U'《') ++depth;
        if (after[i] == U'》' && --depth == 0) return gongwen::to_utf8(std::u32string_view(after).substr(start + 1, i - start - 1));
    }
    return "";
}

/// `number` repaired when the repair data knows better, else as read.
DocNumber repaired(const DocNumberRepair& repair, DocNumber number) {
    if (auto fixed = repair.repaired(number)) return std::move(*fixed);
    return number;
}

/// True when `longer` is `shorter` with text before its code: the same year and serial, and a
/// code that ends with the other's (`企业财办〔2020〕12号` for 财办〔2020〕12号). A broken OCR
/// line glues the end of the previous line to a number; the number it produces is no new one.
/// A known longer code is a real number of its own (苏财办〔2020〕12号 next to 财办〔2020〕12号).
bool glued_copy_of(const DocNumber& longer, const DocNumber& shorter, const DocNumberRepair& repair) {
    return longer.form == shorter.form && longer.year == shorter.year && longer.serial == shorter.serial &&
           longer.agency.size() > shorter.agency.size() && !shorter.agency.empty() && longer.agency.ends_with(shorter.agency) &&
           !repair.knows(longer.agency);
}

/// Keeps one entry per normalized number, preferring the one that carries a title.
class CitationList {
public:
    void add(const DocNumber& number, const std::string& title) {
        if (auto it = index_.find(number.normalized); it != index_.end()) {
            if (citations_[it->second].title.empty()) citations_[it->second].title = title;
            return;
        }
        index_[number.normalized] = citations_.size();
        citations_.push_back({title, number.normalized, number.repaired_from});
        numbers_.push_back(number);
    }

    /// The citations, without those that are another citation (or the document's own number,
    /// `own`) with text glued before the code; such a copy gives its title to the one it copies.
    std::vector<CitedDocument> take(const std::optional<DocNumber>& own, const DocNumberRepair& repair) {
        std::vector<bool> copy(citations_.size(), false);
        for (std::size_t i = 0; i < citations_.size(); ++i) {
            if (own && glued_copy_of(numbers_[i], *own, repair)) {
                copy[i] = true;
                continue;
            }
            for (std::size_t j = 0; j < citations_.size() && !copy[i]; ++j) {
                if (!glued_copy_of(numbers_[i], numbers_[j], repair)) continue;
                copy[i] = true;
                if (citations_[j].title.empty()) citations_[j].title = citations_[i].title;
            }
        }
        std::vector<CitedDocument> kept;
        for (std::size_t i = 0; i < citations_.size(); ++i) {
            if (!copy[i]) kept.push_back(std::move(citations_[i]));
        }
        return kept;
    }

private:
    std::vector<CitedDocument> citations_;
    std::vector<DocNumber> numbers_;   ///< parallel to citations_
    std::map<std::string, std::size_t> index_;
};

std::vector<CitedDocument> cited_documents(const std::vector<Paragraph>& paragraphs, const std::optional<DocNumber>& own,
                                           const DocNumberRepair& repair) {
    CitationList citations;
    for (const auto& paragraph : paragraphs) {
        const std::string& text = paragraph.text;
        for (const auto& match : gongwen::find_doc_numbers(text)) {
            const DocNumber number = repaired(repair, match.number);
            if (own && number.normalized == own->normalized) continue;
            std::string title = title_before(text, match.begin);
            if (title.empty()) title = title_after(text, match.end);
            citations.add(number, title);
        }
    }
    return citations.take(own, repair);
}

// ---------------------------------------------------------------------------------------------

class DocNumberEnricher final : public gongwen::Enricher {
public:
    void configure(const gongwen::PluginContext& context) override {
        Plugin::configure(context);
        load_repair_data(context);
        const std::string value = context.option("head_lines");
        if (value.empty()) return;
        try {
            std::size_t used = 0;
            head_lines_ = std::stoi(value, &used);
            if (used != value.size() || head_lines_ < 1) throw std::invalid_argument(value);
        } catch (const std::exception&) {
            throw gongwen::ExtractionError("option docnumber.head_lines must be a positive whole number, not '" + value + "'",
                                           gongwen::FailureScope::plugin);
        }
    }

    void enrich(gongwen::Document& document) override {
        auto body = own_number_in_head(document.paragraphs, head_lines_);
        auto metadata = own_number_in_metadata(document.paragraphs);
        if (body) body = repaired(repair_, std::move(*body));
        if (metadata) metadata = repaired(repair_, std::move(*metadata));
        // Body beats metadata: the web page's 文号 field is typed by hand and sometimes wrong.
        if (body && metadata && body->normalized != metadata->normalized) {
            document.warnings.push_back("doc number in the text (" + body->normalized + ") differs from the page metadata (" +
                                        metadata->normalized + ")");
        }
        document.doc_number = body ? body : metadata;
        const std::string own = document.doc_number ? document.doc_number->normalized : "";
        document.cited_documents = cited_documents(document.paragraphs, document.doc_number, repair_);
        log(gongwen::LogLevel::debug, (own.empty() ? std::string("no doc number") : "doc number " + own) + ", " +
                                          std::to_string(document.cited_documents.size()) + " cited");
    }

private:
    void log(gongwen::LogLevel level, const std::string& message) const {
        if (context_.log) context_.log(level, message);
    }

    // A broken data file stops the run: the host reports it before any file is read.
    void load_repair_data(const gongwen::PluginContext& context) {
        namespace dn = gongwen::docnumber;
        try {
            if (auto file = dn::file_to_read(context.option("confusions"))) dn::load_confusions(*file, repair_);
            if (auto file = dn::file_to_read(context.option("agency_codes"))) dn::load_agency_code_keys(*file, repair_);
            if (auto file = dn::file_to_read(context.option("known_codes"))) dn::load_known_codes(*file, repair_);
        } catch (const dn::RepairFileError& error) {
            throw gongwen::ExtractionError(error.what(), gongwen::FailureScope::plugin);
        }
    }

    int head_lines_ = kDefaultHeadLines;
    DocNumberRepair repair_;
};

// `${config_dir}` is the folder of the config file (the host expands it); a leading `?` makes the
// file optional. Without a confusion table or known codes nothing is repaired.
const gongwen::PluginOption kOptions[] = {
    {"head_lines", "15", "how many leading paragraphs may hold the document's own doc number"},
    {"confusions", "?${config_dir}/ocr_confusions.toml",
     "OCR character confusions repaired in a 机关代字 (人社画 → 人社函) when that gives a known code (\"\" = none)"},
    {"agency_codes", "?${config_dir}/agency_codes.toml", "known 机关代字: the keys of this table (\"\" = none)"},
    {"known_codes", "?${config_dir}/known_agency_codes.txt", "known 机关代字, one a line (\"\" = none)"},
    {nullptr, nullptr, nullptr}};

const GongwenPluginDescriptor kDescriptor{
    GONGWEN_PLUGIN_ABI_VERSION, "docnumber", "1.0.0", gongwen::PluginKind::enricher, nullptr,
    "The document's own 发文字号 (doc_number) and the documents it cites (cited_documents)",
    kOptions, []() -> gongwen::Plugin* { return new DocNumberEnricher; }};

}  // namespace

GONGWEN_EXPORT_PLUGIN(kDescriptor)
