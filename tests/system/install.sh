#!/bin/bash
# cmake --install puts the binary, man pages and completions where packages expect them.
source "$(dirname "$0")/common.sh"
build=$(dirname "$PAVE")
[ -f "$build/cmake_install.cmake" ] || skip "no CMake build directory beside $PAVE"

expect_exit 0 cmake --install "$build" --prefix "$t/prefix"
expect_file "$t/prefix/bin/pave"
for page in "$SOURCE_DIR"/man/*.1; do
  expect_file "$t/prefix/share/man/man1/$(basename "$page")"
done
expect_file "$t/prefix/share/bash-completion/completions/pave"
expect_file "$t/prefix/share/zsh/vendor-completions/_pave"
expect_file "$t/prefix/share/fish/vendor_completions.d/pave.fish"
expect_exit 0 "$t/prefix/bin/pave" version
man -l "$t/prefix/share/man/man1/pave.1" >/dev/null 2>&1 || command -v man >/dev/null || true
