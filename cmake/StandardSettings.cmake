# Interface targets every first-party target links; third-party code is exempt.
add_library(pave_standard_settings INTERFACE)
add_library(pave_standard_warnings INTERFACE)

target_compile_options(pave_standard_warnings INTERFACE
  -Wall -Wextra -Wpedantic $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> -Wnon-virtual-dtor -Wcast-align
  -Woverloaded-virtual -Wno-missing-field-initializers)

if(PAVE_SANITIZE)
  target_compile_options(pave_standard_settings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(pave_standard_settings INTERFACE -fsanitize=address,undefined)
endif()
if(PAVE_FUZZ)
  target_compile_options(pave_standard_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(pave_standard_settings INTERFACE -fsanitize=address,undefined)
endif()
