#!/bin/bash
# pave demo runs the main job on the embedded example: init, render, plan,
# deploy to the directory target, and a second plan with no changes.
source "$(dirname "$0")/common.sh"

expect_exit 0 pave demo
expect_contains out "init"
expect_contains out "render"
expect_contains out "Deployment"
expect_contains out "Plan: "
expect_contains out "revision 1"
expect_contains out "no changes"
expect_contains out "Temporary project removed"

expect_exit 0 pave demo --dir kept -o json
expect_json out 'd["kept"] is True and d["resources"] >= 4 and d["kinds"]["Deployment"] == 1'
expect_json out '[s["step"] for s in d["steps"]] == ["init", "render", "plan", "deploy", "plan"] and d["revision"] == 1'
expect_file kept/pave.toml
expect_file kept/deploy/dev/demo-dev/deployment.apps-demo.yaml
(cd kept && expect_exit 0 pave validate && expect_exit 0 pave plan -e dev --detailed-exitcode)
