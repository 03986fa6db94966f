// libFuzzer target: saved web pages (the html plugin's decoding and block reading). The input is
// read as a page and as the body of an MHTML archive. Invariants: the decoded page is valid UTF-8,
// every text block is valid UTF-8 without line breaks, and every table cell lies inside its grid
// without overlapping another one.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "gongwen/error.hpp"
#include "gongwen/text.hpp"
#include "html_blocks.hpp"
#include "html_source.hpp"

namespace {

void check(std::string_view bytes) {
    gongwen::html::DecodedPage page;
    try {
        page = gongwen::html::decode_page(bytes);
    } catch (const gongwen::ExtractionError&) {
        return;
    }
    if (!gongwen::is_valid_utf8(page.html)) std::abort();
    gongwen::html::PageBlocks blocks;
    try {
        blocks = gongwen::html::read_blocks(page.html);
    } catch (const gongwen::ExtractionError&) {
        return;
    }
    for (const auto& block : blocks.blocks) {
        if (block.kind == gongwen::html::Block::Kind::text) {
            if (!gongwen::is_valid_utf8(block.text.text) || block.text.text.empty()) std::abort();
            if (block.text.text.find('\n') != std::string::npos) std::abort();
            continue;
        }
        const auto& table = block.table;
        std::set<std::pair<int, int>> taken;
        for (const auto& cell : table.cells) {
            if (!gongwen::is_valid_utf8(cell.text)) std::abort();
            if (cell.row < 0 || cell.column < 0 || cell.rows < 1 || cell.columns < 1) std::abort();
            if (cell.row + cell.rows > table.row_count || cell.column + cell.columns > table.column_count) std::abort();
            for (int r = cell.row; r < cell.row + cell.rows; ++r) {
                for (int c = cell.column; c < cell.column + cell.columns; ++c) {
                    if (!taken.insert({r, c}).second) std::abort();
                }
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check(bytes);
    check("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
          "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
          std::string(bytes) + "\r\n--b--\r\n");
    return 0;
}
