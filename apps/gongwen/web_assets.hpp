// The web page's static files, compiled into the binary from apps/gongwen/web/ (the source is
// generated at build time by cmake/EmbedWebAssets.cmake).
#pragma once

#include <optional>
#include <string_view>

namespace gongwen::app {

struct WebAsset {
    std::string_view name;          ///< file name in apps/gongwen/web/, e.g. "search.js"
    std::string_view content_type;
    std::string_view body;
};

/// The asset called `name`; nullopt for any other name (there is no file system behind this).
std::optional<WebAsset> find_web_asset(std::string_view name);

}  // namespace gongwen::app
