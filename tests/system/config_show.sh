#!/bin/bash
# Settings precedence: flags > PAVE_* > pave.toml [settings] > defaults, with origins.
source "$(dirname "$0")/common.sh"

printf '[project]\nname = "x"\n[settings]\noutput = "yaml"\nlock_timeout = "30s"\nenvironment = "prod"\n[environments.prod]\n' > pave.toml
expect_exit 0 pave config show --output json
expect_json out '{r["key"]: (r["value"], r["origin"], r["source"]) for r in d}["lock_timeout"] == ("30s", "file", "pave.toml:5")'
expect_json out '{r["key"]: (r["value"], r["origin"]) for r in d}["color"] == ("auto", "default")'

# the file says yaml: config show obeys it
expect_exit 0 pave config show
expect_contains out "- key: output"

PAVE_ENV=staging PAVE_OUTPUT=json expect_exit 0 pave config show
expect_json out '{r["key"]: (r["value"], r["origin"], r["source"]) for r in d}["environment"] == ("staging", "env", "PAVE_ENV")'

PAVE_ENV=staging expect_exit 0 pave config show -e qa -o json
expect_json out '{r["key"]: (r["value"], r["origin"], r["source"]) for r in d}["environment"] == ("qa", "flag", "--env")'

# every key of the table is shown, in table form too
expect_exit 0 pave config show -o table
for key in project_file environment output color log_format log_level state_dir lock_timeout kubeconfig kube_context; do
  expect_contains out "$key"
done
