// OCR head elements (see masthead_issuer.hpp).
#include "masthead_issuer.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "gongwen/text.hpp"
#include "line_text.hpp"

namespace gongwen::fields {
namespace {

// The longest masthead name: 中共XX省委办公厅 XX省人民政府办公厅 runs to about 25 characters.
constexpr std::size_t kMaxNameCharacters = 40;

// Endings of an organ's name or of a group of bodies a 主送 line addresses.
constexpr std::array<std::string_view, 28> kBodyEndings = {
    "人民政府", "政府", "部门", "单位", "机构", "委员会", "管委会", "办公室", "办公厅", "街道", "企业", "学校", "公司", "组织",
    "局", "厅", "委", "办", "部", "院", "会", "中心", "处", "室", "镇", "乡", "所", "站"};

bool ends_like_body(std::string_view name) {
    return std::any_of(kBodyEndings.begin(), kBodyEndings.end(), [&](std::string_view e) { return ends_with(name, e); });
}

// 文种 that end a title, longest first so that 复函 is not cut after 函.
constexpr std::array<std::string_view, 14> kTypeEndings = {"通知", "意见", "决定", "通报", "报告", "请示", "批复", "复函",
                                                           "函", "纪要", "公告", "通告", "决议", "议案"};

}  // namespace

std::optional<std::string> masthead_name(std::string_view masthead) {
    std::u32string text = to_u32(trim(masthead));
    // OCR debris at the ends: anything but a Han character (a rule read as `|`, a quote, a dot).
    // `一` alone at an end is the 分隔线 read as a character, never part of an organ's name there.
    auto debris = [](char32_t c) { return !is_han(c) || c == U'一'; };
    while (!text.empty() && debris(text.back())) text.pop_back();
    while (!text.empty() && debris(text.front())) text.erase(text.begin());
    // Inside, what is not Han is the gap between joint issuers read as a mark (`云溪市教育局”云溪市财政局`).
    std::u32string spaced;
    for (const char32_t c : text) {
        if (is_han(c)) spaced += c;
        else if (!spaced.empty() && spaced.back() != U' ') spaced += U' ';
    }
    // The words, put together again into organs' names: a name spread to the width of a longer one
    // above it (分散对齐) comes in pieces (`青原 市 财政局`), joined until they end like an organ;
    // a bare 办公室 or 委员会 finishes the name before it. `文件` goes wherever the reading put it
    // (right of stacked joint names it can come between them).
    static constexpr std::u32string_view kBareTails[] = {U"办公厅", U"办公室", U"委员会", U"人民政府", U"政府", U"常委会"};
    std::vector<std::u32string> organs;
    std::u32string pending;
    for (std::size_t begin = 0; begin < spaced.size();) {
        std::size_t end = spaced.find(U' ', begin);
        if (end == std::u32string::npos) end = spaced.size();
        std::u32string word = spaced.substr(begin, end - begin);
        begin = end + 1;
        if (word.size() > 2 && word.ends_with(U"文件")) word.resize(word.size() - 2);
        if (word.empty() || word == U"文件") continue;
        pending += word;
        if (pending == U"文件") {   // spread too: `文 件`
            pending.clear();
            continue;
        }
        const bool bare = std::find(std::begin(kBareTails), std::end(kBareTails), pending) != std::end(kBareTails);
        if (bare && !organs.empty()) {
            organs.back() += pending;
            pending.clear();
        } else if (pending.size() >= 3 && ends_like_body(to_utf8(pending)) && !pending.ends_with(U"社会")) {   // 人力资源和社会|保障局
            organs.push_back(std::move(pending));
            pending.clear();
        }
    }
    if (!pending.empty()) {
        if (organs.empty()) organs.push_back(std::move(pending));
        else organs.back() += pending;
    }
    std::string name;
    for (const std::u32string& organ : organs) name += (name.empty() ? "" : " ") + to_utf8(organ);
    if (name.empty() || to_u32(name).size() > kMaxNameCharacters) return std::nullopt;
    return name;
}

bool organ_names(const std::vector<std::string>& names) {
    static constexpr std::string_view kBrackets[] = {"〔", "〕", "【", "】", "[", "]", "［", "］"};
    return std::none_of(names.begin(), names.end(), [](const std::string& name) {
        return std::any_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
               std::any_of(std::begin(kBrackets), std::end(kBrackets), [&](std::string_view bracket) { return contains(name, bracket); });
    });
}

namespace {

/// One organ or group of bodies as a 主送 line lists it.
bool is_body_name(std::string_view item) {
    if (item.empty() || to_u32(item).size() > 40) return false;
    for (std::string_view sentence : {"。", "的", "《", "》", "关于", "\n"}) {
        if (contains(item, sentence)) return false;
    }
    return ends_like_body(item);
}

struct RecipientList {
    std::size_t end = 0;         ///< after the list and the mark that closes it
    std::size_t list_end = 0;    ///< after the last name
    bool closed = false;         ///< a mark closes it (the colon, or what OCR made of it)
    bool comma = false;          ///< that mark is a comma
    int names = 0;
};

/// The 主送 list starting at `pos`: names of bodies separated by ，；, closed by `：`. OCR reads
/// that colon as `;`, `；` or `，`, or drops it; the list then ends at the last name, and the mark
/// after it is taken as the colon.
std::optional<RecipientList> recipients_at(std::string_view text, std::size_t pos) {
    static constexpr std::string_view kMarks[] = {"：", ":", "，", ",", "；", ";"};
    RecipientList list;
    int names = 0;
    for (std::size_t i = pos;;) {
        std::size_t mark = text.size();
        std::string_view mark_text;
        for (std::string_view m : kMarks) {
            if (const std::size_t at = text.find(m, i); at < mark) mark = at, mark_text = m;
        }
        // A mark OCR adds before the colon (`市政府各部门]:`, `…各部门}:`) is no part of the name.
        std::string_view name = text.substr(i, mark - i);
        for (bool stripped = true; stripped;) {
            stripped = false;
            for (std::string_view debris : {"]", "】", "}", "｝", "」", ")", "）", "|", "'", "\"", "”", "’"}) {
                if (ends_with(name, debris)) name.remove_suffix(debris.size()), stripped = true;
            }
        }
        if (!is_body_name(trim(name))) break;
        ++names;
        list.list_end = i + name.size();
        list.end = mark + mark_text.size();
        list.closed = !mark_text.empty();
        list.comma = mark_text == "，" || mark_text == ",";
        list.names = names;
        if (mark_text.empty() || mark_text == "：" || mark_text == ":") break;
        i = list.end;
    }
    if (names == 0) return std::nullopt;
    return list;
}

}  // namespace

std::optional<GluedHead> split_title_from_recipients(std::string_view paragraph) {
    const std::string text = remove_spaces_between_han(trim(paragraph));
    // A title never holds the 主送 line: the split is after the first 文种 followed by a list of
    // bodies (`关于转发《X的通知》的通知各区：` is cut after the second 通知: the first is followed by `》`).
    for (std::size_t at = 0; at < text.size();) {
        for (std::string_view ending : kTypeEndings) {
            if (text.compare(at, ending.size(), ending) != 0) continue;
            const std::size_t cut = at + ending.size();
            if (cut == text.size()) continue;
            if (const auto list = recipients_at(text, cut)) {
                return GluedHead{text.substr(0, cut), text.substr(cut, list->list_end - cut), trim(text.substr(list->end))};
            }
        }
        next_code_point(text, at);
    }
    return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> recipients_before_body(std::string_view paragraph) {
    const std::string text = remove_spaces_between_han(trim(paragraph));
    const auto list = recipients_at(text, 0);
    // A comma after one name is as likely the body's own (`市人民政府，…`) as a misread colon.
    if (!list || !list->closed || (list->comma && list->names < 2)) return std::nullopt;
    return std::make_pair(text.substr(0, list->list_end), trim(text.substr(list->end)));
}

}  // namespace gongwen::fields
