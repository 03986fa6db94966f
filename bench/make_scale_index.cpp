// Builds an index of N synthetic but realistic documents for the scale benchmark (issue 20,
// bench/scale_bench.py), without extracting any file: what is measured is the index.
//
//   make_scale_index --pool DIR --numbers FILE --documents N --out DIR [--shards K] [--seed S]
//
// --pool holds `gongwen extract --json` records of real documents (the shared corpus). Each new
// document takes the shape of one pool document (its clause tree, headings, tasks table) but
// not its text: every clause is re-filled with sentences drawn from the sentences of the whole
// pool, as many as the original clause had, so term frequencies follow the real corpus while no
// two documents are copies. Its 发文字号 is a real one from --numbers (one per document; past the
// end of the list the serial is moved on by the number of times the list was used), its issuer
// and title those of another pool document, its date a day in 2000–2024, its task units and
// due dates drawn from the pool's tasks, 0–3 cited numbers from the list.
//
// Prints one JSON object: documents (written by this process), clauses, tasks, text_bytes (clause text, UTF-8), seconds,
// peak_rss_kb (this process: it must stay flat as N grows).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gongwen/doc_number.hpp"
#include "gongwen/index/index_writer.hpp"
#include "gongwen/index/shard_assignment.hpp"

namespace {

using nlohmann::json;

struct Arguments {
    std::filesystem::path pool, numbers, out;
    long documents = 0;
    int shards = 1;
    long commit_every = 200;
    std::vector<int> only_shards;   ///< empty: all
    unsigned seed = 20;
};

Arguments parse_arguments(int argc, char** argv) {
    Arguments arguments;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--pool") arguments.pool = value;
        else if (flag == "--numbers") arguments.numbers = value;
        else if (flag == "--out") arguments.out = value;
        else if (flag == "--documents") arguments.documents = std::stol(value);
        else if (flag == "--shards") arguments.shards = std::stoi(value);
        else if (flag == "--commit-every") arguments.commit_every = std::stol(value);
        else if (flag == "--only-shards") {
            for (std::size_t at = 0; at < value.size();) {
                const std::size_t comma = std::min(value.find(',', at), value.size());
                arguments.only_shards.push_back(std::stoi(value.substr(at, comma - at)));
                at = comma + 1;
            }
        }
        else if (flag == "--seed") arguments.seed = static_cast<unsigned>(std::stoul(value));
        else throw std::runtime_error("unknown flag " + flag);
    }
    if (arguments.pool.empty() || arguments.numbers.empty() || arguments.out.empty() || arguments.documents <= 0 || arguments.shards < 1 || arguments.commit_every < 1) {
        throw std::runtime_error("usage: make_scale_index --pool DIR --numbers FILE --documents N --out DIR [--shards K [--only-shards 1,2]] [--commit-every C] [--seed S]");
    }
    return arguments;
}

// A string member, "" when missing or null (extract --json prints absent fields as null).
std::string text_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const json& object, const char* key, int fallback) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

// Splits text after each 。；！？ (a sentence as the corpus writes them).
std::vector<std::string> sentences_of(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        const std::string glyph = text.substr(i, length);
        current += glyph;
        i += length;
        if (glyph == "。" || glyph == "；" || glyph == "！" || glyph == "？") {
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (current.size() > 3) out.push_back(std::move(current));
    return out;
}

struct Pool {
    std::vector<json> records;
    std::vector<std::string> sentences;
    std::vector<std::string> units;
    std::vector<std::string> deadline_texts;
};

Pool load_pool(const std::filesystem::path& folder) {
    Pool pool;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        json record = json::parse(in, nullptr, false);
        if (record.is_discarded() || !record.contains("clauses") || record["clauses"].empty()) continue;
        for (const auto& clause : record["clauses"]) {
            for (auto& sentence : sentences_of(text_of(clause, "text"))) pool.sentences.push_back(std::move(sentence));
        }
        for (const auto& task : record.value("tasks", json::array())) {
            for (const auto& unit : task.value("units", json::array())) {
                if (unit.is_string()) pool.units.push_back(unit.get<std::string>());
            }
            if (!text_of(task, "deadline_text").empty()) pool.deadline_texts.push_back(text_of(task, "deadline_text"));
        }
        pool.records.push_back(std::move(record));
    }
    if (pool.records.empty() || pool.sentences.empty()) throw std::runtime_error("no usable records in " + folder.string());
    if (pool.units.empty()) pool.units = {"市发展改革委", "市财政局", "市教育局"};
    return pool;
}

std::vector<std::string> load_numbers(const std::filesystem::path& file) {
    std::vector<std::string> numbers;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const std::string first = line.substr(0, line.find('\t'));
        if (gongwen::parse_doc_number(first)) numbers.push_back(first);
    }
    if (numbers.empty()) throw std::runtime_error("no doc numbers in " + file.string());
    return numbers;
}

class Synthesizer {
public:
    Synthesizer(const Pool& pool, const std::vector<std::string>& numbers, unsigned seed) : pool_(pool), numbers_(numbers), random_(seed) {}

    gongwen::Document make(long index) {
        const json& shape = pick(pool_.records);
        const json& names = pick(pool_.records);
        gongwen::Document document;
        char id[32];
        std::snprintf(id, sizeof id, "%016lx", static_cast<unsigned long>(index) * 0x9E3779B97F4A7C15ul);
        document.id = id;
        document.source.path = "scale/" + std::to_string(index) + ".pdf";
        document.source.format = "pdf";
        document.source.mime_type = "application/pdf";
        document.source.extractor = "pdf";
        document.source.content_hash = std::string(id) + std::string(id);
        document.source.pages = int_of(shape["source"], "pages", 1);
        document.doc_number = number(index);
        for (const auto& issuer : names.value("issuers", json::array())) document.issuers.push_back(issuer);
        if (names.contains("title") && names["title"].is_string()) document.title = names["title"].get<std::string>();
        if (shape.contains("doc_type") && shape["doc_type"].is_string()) document.doc_type = shape["doc_type"].get<std::string>();
        const int year = 2000 + static_cast<int>(random_() % 25);
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + static_cast<int>(random_() % 12), 1 + static_cast<int>(random_() % 28));
        document.signed_date = date;
        for (const auto& recipient : shape.value("recipients", json::array())) document.recipients.push_back(recipient);
        for (const auto& clause : shape["clauses"]) {
            gongwen::Clause made;
            made.path = text_of(clause, "path");
            made.heading = text_of(clause, "heading");
            made.level = int_of(clause, "level", 0);
            made.page = int_of(clause, "page", 1);
            const std::size_t count = std::max<std::size_t>(1, sentences_of(text_of(clause, "text")).size());
            made.text = made.heading;
            for (std::size_t s = 0; s < count; ++s) made.text += pick(pool_.sentences);
            text_bytes_ += made.text.size();
            document.paragraphs.push_back({made.text, made.page, true});
            document.clauses.push_back(std::move(made));
        }
        const int cited = static_cast<int>(random_() % 4);
        for (int c = 0; c < cited; ++c) document.cited_documents.push_back({"", pick(numbers_), ""});
        for (const auto& task : shape.value("tasks", json::array())) {
            gongwen::Task made;
            made.seq = int_of(task, "seq", 0);
            made.task = pick(pool_.sentences);
            made.units = {pick(pool_.units)};
            if (random_() % 2) made.units.push_back(pick(pool_.units));
            made.lead_units = {made.units.front()};
            made.deadline_text = pool_.deadline_texts.empty() ? "" : pick(pool_.deadline_texts);
            char due[16];
            std::snprintf(due, sizeof due, "%04d-%02d-%02d", year + static_cast<int>(random_() % 2), 1 + static_cast<int>(random_() % 12), 28);
            made.due = due;
            made.kind = "deadline";
            made.page = int_of(task, "page", 1);
            made.section = text_of(task, "section");
            document.tasks.push_back(std::move(made));
        }
        return document;
    }

    std::size_t text_bytes() const { return text_bytes_; }
    /// Takes a document this process does not write out of text_bytes.
    void forget_text(const gongwen::Document& document) {
        for (const auto& clause : document.clauses) text_bytes_ -= clause.text.size();
    }

private:
    template <typename T>
    const T& pick(const std::vector<T>& from) {
        return from[random_() % from.size()];
    }

    // A real number, its serial moved on by 1000 for each pass over the list (苏政办发〔2019〕12号,
    // then 苏政办发〔2019〕1012号): distinct for every document, of the real agencies and years.
    std::optional<gongwen::DocNumber> number(long index) {
        const std::string& base = numbers_[static_cast<std::size_t>(index) % numbers_.size()];
        auto parsed = gongwen::parse_doc_number(base);
        const long pass = index / static_cast<long>(numbers_.size());
        if (parsed && pass > 0) {
            const std::string serial = std::to_string(parsed->serial);
            const std::string moved = std::to_string(parsed->serial + 1000 * pass);
            const auto at = parsed->normalized.rfind(serial + "号");
            if (at != std::string::npos) {
                std::string text = parsed->normalized;
                text.replace(at, serial.size(), moved);
                if (auto again = gongwen::parse_doc_number(text)) return again;
            }
        }
        return parsed;
    }

    const Pool& pool_;
    const std::vector<std::string>& numbers_;
    std::mt19937_64 random_;
    std::size_t text_bytes_ = 0;
};

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Arguments arguments = parse_arguments(argc, argv);
        const Pool pool = load_pool(arguments.pool);
        const std::vector<std::string> numbers = load_numbers(arguments.numbers);
        Synthesizer synthesizer(pool, numbers, arguments.seed);
        // --only-shards: this process writes those shards only (every process makes the same
        // documents in the same order, so processes on several cores build one shard set).
        const auto wanted = [&](int shard) {
            return arguments.only_shards.empty() || std::find(arguments.only_shards.begin(), arguments.only_shards.end(), shard) != arguments.only_shards.end();
        };
        std::vector<std::unique_ptr<gongwen::index::IndexWriter>> writers;
        for (int shard = 1; shard <= arguments.shards; ++shard) {
            if (!wanted(shard)) {
                writers.emplace_back();
                continue;
            }
            const auto folder = arguments.shards == 1 ? arguments.out : arguments.out / ("shard-" + std::to_string(shard));
            std::filesystem::create_directories(folder);
            writers.push_back(std::make_unique<gongwen::index::IndexWriter>(folder));
            if (arguments.shards > 1) writers.back()->set_shard_assignment(std::to_string(shard) + "/" + std::to_string(arguments.shards));
        }
        const auto start = std::chrono::steady_clock::now();
        long written = 0, clauses = 0, tasks = 0;
        for (long i = 0; i < arguments.documents; ++i) {
            const gongwen::Document document = synthesizer.make(i);
            const int shard = arguments.shards == 1 ? 0 : gongwen::index::shard_of(document.id, arguments.shards) - 1;
            if (writers[static_cast<std::size_t>(shard)]) {
                ++written;
                clauses += static_cast<long>(document.clauses.size());
                tasks += static_cast<long>(document.tasks.size());
                gongwen::index::FileRecord record{document.source.path, 1000, i, document.source.content_hash, document.id};
                writers[static_cast<std::size_t>(shard)]->replace(document, record);
            } else {
                synthesizer.forget_text(document);
            }
            // As ingest does (index.commit_every): bounded memory in Xapian's buffers.
            if ((i + 1) % arguments.commit_every == 0) {
                for (auto& writer : writers) if (writer) writer->commit();
            }
        }
        for (auto& writer : writers) if (writer) writer->commit();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << json{{"documents", written}, {"clauses", clauses}, {"tasks", tasks},
                          {"text_bytes", synthesizer.text_bytes()}, {"seconds", seconds}, {"peak_rss_kb", peak_rss_kb()}}
                         .dump()
                  << "\n";
    } catch (const std::exception& error) {
        std::cerr << "make_scale_index: " << error.what() << "\n";
        return 1;
    }
}
