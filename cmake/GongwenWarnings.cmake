# Warnings every gongwen target builds with.
add_library(gongwen_warnings INTERFACE)
target_compile_options(gongwen_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
