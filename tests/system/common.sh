# Shared set-up for system tests: source it first. Each test is a short bash
# script against the real binary ($PAVE), run by CTest; exit 125 = skipped.
set -o errexit -o nounset -o pipefail
export LC_ALL=C
unset NO_COLOR PAVE_OUTPUT PAVE_COLOR PAVE_ENV PAVE_PROJECT PAVE_LOG_FORMAT PAVE_LOG_LEVEL 2>/dev/null || true

: "${PAVE:?PAVE must name the pave binary}"
PAVE=$(cd "$(dirname "$PAVE")" && pwd)/$(basename "$PAVE")
SOURCE_DIR=${PAVE_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SHARED_DIR=${PAVE_SHARED_DIR:-$SOURCE_DIR/../shared}
testname=$(basename "$0" .sh)
t=${PAVE_TEST_TMP:-/tmp/pave-systest}/$testname
rm -rf "$t"
mkdir -p "$t"
cd "$t"

trap 'echo "FAIL: $testname: line $LINENO: $BASH_COMMAND" >&2' ERR

pave() { "$PAVE" "$@"; }

skip() { echo "skip: $*"; exit 125; }

fail() { echo "FAIL: $testname: $*" >&2; exit 1; }

# expect_exit CODE CMD...: runs CMD, stores stdout/stderr in $t/out and $t/err,
# and fails unless it exits with CODE.
expect_exit() {
  local want=$1; shift
  local rc=0
  "$@" >"$t/out" 2>"$t/err" || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "--- stdout"; cat "$t/out"; echo "--- stderr"; cat "$t/err"
    fail "expected exit $want, got $rc: $*"
  fi
}

# Files named out/err in expectations mean $t/out and $t/err (the last
# expect_exit's output), wherever the test has cd'ed to.
_f() { case $1 in out|err) echo "$t/$1";; *) echo "$1";; esac; }

# expect_contains FILE TEXT: FILE contains TEXT (fixed string).
expect_contains() {
  set -- "$(_f "$1")" "$2"
  grep -qF -- "$2" "$1" || { echo "--- $1"; cat "$1"; fail "$1 does not contain: $2"; }
}

# expect_not_contains FILE TEXT
expect_not_contains() {
  set -- "$(_f "$1")" "$2"
  if grep -qF -- "$2" "$1"; then echo "--- $1"; cat "$1"; fail "$1 contains: $2"; fi
}

# expect_file PATH: PATH exists and is a regular file.
expect_file() { [ -f "$1" ] || fail "missing file $1"; }

# expect_lines FILE N: FILE has exactly N lines.
expect_lines() {
  set -- "$(_f "$1")" "$2"
  local n; n=$(wc -l < "$1")
  [ "$n" -eq "$2" ] || { cat "$1"; fail "$1 has $n lines, expected $2"; }
}

# expect_json FILE PYEXPR: python expression over `d` (the parsed JSON) is true.
expect_json() {
  set -- "$(_f "$1")" "$2"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2" ||
    { echo "--- $1"; cat "$1"; fail "JSON check failed: $2"; }
}

# backup_directory_project [BACKUP_TOML]: `pave init shop` deployed to a
# directory target (deploy/dev), with a [backup] table (default: destination
# "backups") and a random PAVE_BACKUP_KEY; cd's into it.
backup_directory_project() {
  pave init shop --yes --name shop --env dev >/dev/null
  cd shop
  sed -i 's/^target = "kubernetes".*/target = "directory"\ndirectory = "deploy\/dev"/' pave.toml
  printf '\n[backup]\n%s\n' "${1:-destination = \"backups\"}" >> pave.toml
  PAVE_BACKUP_KEY=$(python3 -c 'import os; print(os.urandom(32).hex())')
  export PAVE_BACKUP_KEY
  expect_exit 0 pave deploy -e dev --yes
}
