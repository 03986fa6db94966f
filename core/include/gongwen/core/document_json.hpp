// The JSON form of a document record: the `extract --json` contract.
#pragma once

#include <nlohmann/json.hpp>

#include "gongwen/document.hpp"

namespace gongwen::core {

/// The record as `extract --json` prints it. Fields no plugin filled are null or [].
nlohmann::json document_to_json(const Document& document);

/// Serializes JSON for output or storage. Invalid UTF-8 (a file name from an old archive, bytes a
/// broken PDF produced) becomes U+FFFD instead of an exception that would end the whole run.
std::string dump_json(const nlohmann::json& value, int indent = -1);

/// A doc number as JSON ({"text", "normalized", "agency", "year", "serial"}) or null.
nlohmann::json doc_number_to_json(const std::optional<DocNumber>& number);

}  // namespace gongwen::core
