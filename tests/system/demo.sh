#!/bin/bash
# pave demo runs the main job on the embedded example: init then render.
source "$(dirname "$0")/common.sh"

expect_exit 0 pave demo
expect_contains out "init"
expect_contains out "render"
expect_contains out "Deployment"
expect_contains out "Temporary project removed"

expect_exit 0 pave demo --dir kept -o json
expect_json out 'd["kept"] is True and d["resources"] >= 4 and d["kinds"]["Deployment"] == 1 and [s["step"] for s in d["steps"]] == ["init", "render"]'
expect_file kept/pave.toml
(cd kept && expect_exit 0 pave validate)
