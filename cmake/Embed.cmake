# pave_embed_directory(DIR OUT_CPP [FUNCTION NAME]): compiles every file under
# DIR into OUT_CPP as pave::embedded::NAME() (default files()), a table of
# {relative path, bytes}. The generated file is rebuilt whenever a file under
# DIR changes.
function(pave_embed_directory dir out)
  cmake_parse_arguments(EMBED "" "FUNCTION" "" ${ARGN})
  if(NOT EMBED_FUNCTION)
    set(EMBED_FUNCTION files)
  endif()
  file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE ${dir} ${dir}/*)
  list(SORT files)
  set(deps)
  foreach(f IN LISTS files)
    list(APPEND deps ${dir}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -DFUNC=${EMBED_FUNCTION} -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${deps} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${dir}")
endfunction()
