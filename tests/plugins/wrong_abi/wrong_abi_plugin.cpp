// A plugin that claims a future ABI version. The host must refuse it with a message naming the
// file and both versions, and must not read anything past the frozen first two members.
#include "gongwen/plugin.hpp"

namespace {
const GongwenPluginDescriptor descriptor{
    GONGWEN_PLUGIN_ABI_VERSION + 41, "wrong-abi", "0.0.1", gongwen::PluginKind::enricher,
    nullptr, "built against another ABI", nullptr, nullptr};
}  // namespace

GONGWEN_EXPORT_PLUGIN(descriptor)
