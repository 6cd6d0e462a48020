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
