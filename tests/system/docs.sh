#!/bin/bash
# Completions and man pages come from the command table: every subcommand and
# every flag appears in each, and the committed copies are up to date.
source "$(dirname "$0")/common.sh"

expect_exit 0 pave __docs man completions docs
cmp -s docs/pave-toml.md "$SOURCE_DIR/docs/pave-toml.md" || fail "docs/pave-toml.md is stale"
for f in man/*.1; do
  cmp -s "$f" "$SOURCE_DIR/man/$(basename "$f")" || fail "man/$(basename "$f") is stale: run pave __docs man completions docs in the source tree"
done
for f in pave.bash _pave pave.fish; do
  cmp -s "completions/$f" "$SOURCE_DIR/completions/$f" || fail "completions/$f is stale"
done
[ "$(ls man | wc -l)" -eq "$(ls "$SOURCE_DIR"/man/*.1 | wc -l)" ] || fail "man/ has extra or missing pages"

# bash completion works: complete subcommands and flags
expect_exit 0 bash -c "source completions/pave.bash
COMP_WORDS=(pave in); COMP_CWORD=1; _pave; printf '%s\n' \"\${COMPREPLY[@]}\"" 
expect_contains out init
expect_exit 0 bash -c "source completions/pave.bash
COMP_WORDS=(pave init --te); COMP_CWORD=2; _pave; printf '%s\n' \"\${COMPREPLY[@]}\""
expect_contains out --template
expect_exit 0 bash -c "source completions/pave.bash
COMP_WORDS=(pave version --output ''); COMP_CWORD=3; _pave; printf '%s\n' \"\${COMPREPLY[@]}\""
expect_contains out json
if command -v fish >/dev/null; then fish -n completions/pave.fish; fi
if command -v zsh >/dev/null; then zsh -n completions/_pave; fi
