# gongwen_add_plugin(NAME SOURCES file... [LIBRARIES target...])
# Builds a plugin as a loadable module named gongwen-<NAME>.so in the plugin directory of the build
# tree (and installs it to the same place relative to bin/), linked against the SDK only.
function(gongwen_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  set(target gongwen_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE gongwen::sdk gongwen_warnings ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME gongwen-${name}
    LIBRARY_OUTPUT_DIRECTORY ${GONGWEN_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    # As the programs (apps/gongwen/CMakeLists.txt): no padded build RPATH, whose empty entry
    # would make the loader search the current directory.
    BUILD_WITH_INSTALL_RPATH ON
    INSTALL_RPATH "$ORIGIN/../..")
  install(TARGETS ${target} LIBRARY DESTINATION ${GONGWEN_PLUGIN_INSTALL_DIR})
endfunction()
