// make_html_fixture: writes a fixture text (tests/fixtures/README.md's format) as a government web
// page — site menu, breadcrumb and footer around the document, alignment by CSS classes and style
// attributes, the task table with rowspan/colspan — so that the html plugin is tested on the same
// 公文 the PDF and OFD tests read. As UTF-8, as GB2312 (`--charset gb2312`, encoded with ICU's GBK
// converter as such sites do) or as an MHTML web archive with the page quoted-printable
// (`--mhtml`; `--base64`: the page base64-encoded, its charset in the part's header as IE saves it).
//
// usage: make_html_fixture [--charset gb2312] [--mhtml [--base64]] IN.txt OUT
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "make_html_fixture: " << message << "\n";
    std::exit(1);
}

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::vector<std::string> split_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
        const auto bar = line.find('|', start);
        std::string cell = line.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        while (!cell.empty() && cell.front() == ' ') cell.erase(0, 1);
        while (!cell.empty() && cell.back() == ' ') cell.pop_back();
        cells.push_back(cell);
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    return cells;
}

/// A fixture table as HTML: `^` extends the cell above (rowspan), `>` the cell to the left
/// (colspan), `@span TEXT` is a section row across all columns.
std::string table_html(const std::vector<std::string>& lines, int header_rows) {
    std::vector<std::vector<std::string>> grid;
    std::size_t columns = 0;
    for (const auto& line : lines) {
        if (line.rfind("@span ", 0) == 0) grid.push_back({line.substr(6)});
        else grid.push_back(split_cells(line));
        columns = std::max(columns, grid.back().size());
    }
    for (auto& row : grid) {
        if (row.size() == 1 && columns > 1) {
            row.resize(columns, ">");
        }
        row.resize(columns, "");
    }
    std::ostringstream out;
    out << "<table class='tasks' border='1' cellspacing='0'>\n";
    for (std::size_t r = 0; r < grid.size(); ++r) {
        const bool header = static_cast<int>(r) < header_rows;
        if (r == 0 && header_rows > 0) out << "<thead>";
        if (static_cast<int>(r) == header_rows) out << "<tbody>";
        out << "<tr>";
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string& cell = grid[r][c];
            if (cell == "^" || cell == ">") continue;
            int rows = 1, cols = 1;
            while (c + cols < columns && grid[r][c + cols] == ">") ++cols;
            while (r + rows < grid.size() && grid[r + rows][c] == "^") ++rows;
            const char* tag = header ? "th" : "td";
            out << '<' << tag;
            if (rows > 1) out << " rowspan='" << rows << "'";
            if (cols > 1) out << " colspan='" << cols << "'";
            std::string text = escape(cell);
            for (std::size_t at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at)) text.replace(at, 2, "<br>");
            out << '>' << text << "</" << tag << '>';
        }
        out << "</tr>";
        if (static_cast<int>(r) + 1 == header_rows) out << "</thead>";
        out << '\n';
    }
    if (static_cast<int>(grid.size()) > header_rows) out << "</tbody>";
    out << "</table>\n";
    return out.str();
}

std::string page_html(std::istream& in, const std::string& charset) {
    std::ostringstream body;
    std::string line, title;
    std::vector<std::string> table;
    bool in_table = false;
    int header_rows = 1;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("#!", 0) == 0) continue;
        if (in_table) {
            if (line == "@end") {
                body << table_html(table, header_rows);
                table.clear();
                in_table = false;
            } else {
                table.push_back(line);
            }
            continue;
        }
        if (line.rfind("@table", 0) == 0) {
            in_table = true;
            header_rows = 1;
            if (const auto at = line.find("header-rows="); at != std::string::npos) header_rows = std::stoi(line.substr(at + 12));
        } else if (line.rfind("@center ", 0) == 0) {
            // Centred by a class rule, as most sites do; the title also by a heading.
            const std::string text = line.substr(8);
            if (title.empty() && text.find("关于") != std::string::npos) {
                title = text;
                body << "<h1 class='title'>" << escape(text) << "</h1>\n";
            } else {
                body << "<p class='c'>" << escape(text) << "</p>\n";
            }
        } else if (line.rfind("@left ", 0) == 0) {
            body << "<p style='text-indent:0'>" << escape(line.substr(6)) << "</p>\n";
        } else if (line.rfind("@right ", 0) == 0) {
            body << "<p align='right'>" << escape(line.substr(7)) << "</p>\n";
        } else if (line.empty() || line == "\f") {
            body << "<p>&nbsp;</p>\n";
        } else if (line.front() != '@') {
            body << "<p>" << escape(line) << "</p>\n";
        }
    }
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html><head><meta charset=\"" << charset << "\"><title>" << escape(title) << "</title>\n"
        << "<style>\nbody{font-size:16px}\n.content p{text-indent:2em;margin:0}\np.c,h1.title{text-align:center;text-indent:0}\n"
        << "table.tasks{border-collapse:collapse}\n.hidden{display:none}\n</style>\n"
        << "<script>var menu = '首页 政务公开';</script></head>\n<body>\n"
        << "<div class='top-nav'><a href='/'>首页</a> | <a href='/zwgk/'>政务公开</a> | <a href='/bs/'>办事服务</a> | <a href='/hd/'>互动交流</a></div>\n"
        << "<div id='breadcrumb'>当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>\n"
        << "<div class='content'>\n" << body.str() << "</div>\n"
        << "<div class='hidden'>隐藏的统计代码</div>\n"
        << "<div class='footer'>主办单位：澄江市人民政府办公室　版权所有　网站标识码：5300000000</div>\n</body></html>\n";
    return out.str();
}

std::string to_gbk(const std::string& utf8) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open("GBK", &status), ucnv_close);
    if (U_FAILURE(status)) fail("ICU has no GBK converter");
    ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::string out(utf8.size() * 2 + 16, '\0');
    const int32_t length = ucnv_convert("GBK", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(), static_cast<int32_t>(utf8.size()), &status);
    if (U_FAILURE(status)) fail("the text has a character GBK cannot encode");
    out.resize(static_cast<std::size_t>(length));
    return out;
}

/// RFC 2045 quoted-printable, lines of at most 76 characters with soft breaks, CRLF.
std::string quoted_printable(const std::string& bytes) {
    std::string out, line;
    static const char* hex = "0123456789ABCDEF";
    const auto emit = [&](const std::string& piece) {
        if (line.size() + piece.size() > 75) {
            out += line + "=\r\n";
            line.clear();
        }
        line += piece;
    };
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\n') {
            out += line + "\r\n";
            line.clear();
        } else if (c == '\r') {
            continue;
        } else if (c == '=' || c >= 0x7F || (c < 0x20 && c != '\t')) {
            emit(std::string{'=', hex[c >> 4], hex[c & 15]});
        } else {
            emit(std::string(1, static_cast<char>(c)));
        }
    }
    out += line;
    return out;
}

std::string base64(const std::string& bytes) {
    static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t column = 0;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0) |
                           (i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0);
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? digits[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? digits[n & 63] : '=';
        if ((column += 4) >= 76) out += "\r\n", column = 0;
    }
    return out;
}

std::string mhtml(const std::string& html, bool in_base64, const std::string& charset) {
    const std::string boundary = "----MultipartBoundary--gongwenFixture0001----";
    std::ostringstream out;
    out << "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.chengjiang.gov.cn/zwgk/zcwj/2024/0318/9.html\r\n"
        << "Subject: =?utf-8?Q?fixture?=\r\nDate: Mon, 18 Mar 2024 10:00:00 +0800\r\nMIME-Version: 1.0\r\n"
        << "Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"" << boundary << "\"\r\n\r\n\r\n"
        << "--" << boundary << "\r\nContent-Type: text/html" << (in_base64 ? "; charset=\"" + charset + "\"" : std::string())
        << "\r\nContent-ID: <frame-0@mhtml.blink>\r\n"
        << "Content-Transfer-Encoding: " << (in_base64 ? "base64" : "quoted-printable")
        << "\r\nContent-Location: http://www.chengjiang.gov.cn/zwgk/zcwj/2024/0318/9.html\r\n\r\n"
        << (in_base64 ? base64(html) : quoted_printable(html)) << "\r\n"
        << "--" << boundary << "\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        << "Content-Location: http://www.chengjiang.gov.cn/css/site.css\r\n\r\nbody{margin:0}\r\n"
        << "--" << boundary << "--\r\n";
    return out.str();
}

}  // namespace

int main(int argc, char** argv) {
    std::string charset = "utf-8", input, output;
    bool archive = false, in_base64 = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--charset" && i + 1 < argc) charset = argv[++i];
        else if (arg == "--mhtml") archive = true;
        else if (arg == "--base64") in_base64 = true;
        else if (input.empty()) input = arg;
        else if (output.empty()) output = arg;
        else fail("usage: make_html_fixture [--charset gb2312] [--mhtml [--base64]] IN.txt OUT");
    }
    if (output.empty()) fail("usage: make_html_fixture [--charset gb2312] [--mhtml [--base64]] IN.txt OUT");
    std::ifstream in(input);
    if (!in) fail("cannot read " + input);
    const std::string html = page_html(in, charset);
    std::string bytes = charset == "utf-8" ? html : to_gbk(html);
    if (archive) bytes = mhtml(bytes, in_base64, charset);
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) fail("cannot write " + output);
    return 0;
}
