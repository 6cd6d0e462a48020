#!/bin/bash
# pave validate reports every problem of a broken pave.toml at once, with file:line.
source "$(dirname "$0")/common.sh"

# TOML syntax error: one line naming file:line:col, exit 1
printf '[project]\nname = "x"\n[environments.dev\n' > pave.toml
expect_exit 1 pave validate
expect_contains err "pave.toml:3:"
expect_contains err "syntax error"
expect_lines err 1

# unknown keys with a suggestion, wrong types, bad references: all at once
cat > pave.toml <<'TOML'
[project]
name = "shop"

[settings]
outptu = "json"

[environments.dev]
namespace = "shop-dev"
regoin = "us-east-1"

[environments.prod]
namespace = 42

[apps.web]
template = "web-service"
environments = ["dev", "stagin"]

[apps.api]
chart = "charts/missing"
TOML
expect_exit 1 pave validate
expect_contains err 'pave.toml:5:1: error: unknown key "outptu" in [settings] (did you mean "output"?)'
expect_contains err 'pave.toml:9:1: error: unknown key "regoin" in [environments.dev] (did you mean "region"?)'
expect_contains err 'pave.toml:12:13: error: "namespace" in [environments.prod] must be a string, not an integer'
expect_contains err 'names unknown environment "stagin"'
expect_contains err 'chart "charts/missing" of app "api" not found'
expect_contains err 'pave.toml: 5 error(s)'

# the same as JSON on stdout
expect_exit 1 pave validate --output json
expect_json out 'd["valid"] is False and len([x for x in d["diagnostics"] if x["severity"] == "error"]) == 5'

# a bad settings value
printf '[project]\nname = "x"\n[settings]\noutput = "xml"\n[environments.dev]\n' > pave.toml
expect_exit 1 pave validate
expect_contains err 'pave.toml:4: error: invalid value "xml" for output (expected one of: table, json, yaml)'

# a missing project file
rm pave.toml
expect_exit 1 pave validate
expect_contains err "cannot read pave.toml: No such file or directory"
expect_contains err "pave init"

# a valid file
printf '[project]\nname = "x"\n[environments.dev]\nnamespace = "x-dev"\n' > pave.toml
expect_exit 0 pave validate
expect_contains out "pave.toml: valid (1 environment(s), 0 app(s))"
