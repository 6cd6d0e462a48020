#!/bin/bash
# pave init refuses to overwrite files unless --force, and then lists them.
source "$(dirname "$0")/common.sh"

expect_exit 0 pave init p --yes --name p
echo "# mine" > p/values/dev.yaml
cp p/pave.toml pave.toml.orig

expect_exit 1 pave init p --yes --name p
expect_contains err "refusing to overwrite"
expect_contains err "pave.toml"
grep -q '^# mine$' p/values/dev.yaml || fail "existing file was changed"

expect_exit 0 pave init p --yes --name p --force --output json
expect_json out '"values/dev.yaml" in d["replaced"] and "pave.toml" in d["replaced"] and d["created"] == []'
expect_not_contains p/values/dev.yaml '# mine'
