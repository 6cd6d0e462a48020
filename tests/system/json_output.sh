#!/bin/bash
# --output json|yaml print data on stdout, and logs never go to stdout.
source "$(dirname "$0")/common.sh"

expect_exit 0 pave version --output json
expect_json out 'set(d) == {"version", "commit", "build_type", "libraries"} and "libcurl" in d["libraries"]'
expect_exit 0 pave -o yaml version
expect_contains out "version: "
expect_contains out "libraries:"
PAVE_OUTPUT=json expect_exit 0 pave version
expect_json out '"version" in d'

expect_exit 0 pave init p --yes --output json
expect_json out 'd["name"] == "p" and d["template"] == "web-service" and d["environments"] == ["dev", "staging", "prod"] and "pave.toml" in d["created"]'
cd p
expect_exit 0 pave validate --output json -vv --log-format json
expect_json out 'd["valid"] is True and d["apps"] == 1 and d["environments"] == 3'

# --log-format json: every stderr line is a JSON log record; stdout stays data
expect_exit 0 pave validate -o json -vv --log-format json
expect_json out 'd["valid"] is True'
python3 - "$t/err" <<'PY' || fail "stderr is not JSON log lines"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines, "no log lines at -vv"
for l in lines:
    r = json.loads(l)
    assert set(r) == {"time", "level", "msg"} and r["level"] == "debug", r
assert any(json.loads(l)["msg"].startswith("setting output") for l in lines)
PY
# -q: nothing but errors on stderr
expect_exit 0 pave validate -q
[ ! -s "$t/err" ] || fail "-q printed to stderr"
