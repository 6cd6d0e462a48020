#!/bin/bash
# pave state list/show/rm/pull/push/unlock and pave history, on a state built
# with `state push` (there is no deploy yet).
source "$(dirname "$0")/common.sh"
gen="python3 $(dirname "$0")/state_gen.py"
expect_exit 0 pave init . --yes --name shop --env dev --env prod

# no state yet
expect_exit 0 pave state list
expect_contains out "There is no state for environment dev yet (local .pave/state/dev.json)."
expect_exit 0 pave history
expect_contains out "No revisions recorded for environment dev."
expect_exit 1 pave state pull
expect_contains err "there is no state for environment dev yet"
expect_exit 1 pave state list -e nope
expect_contains err 'environment "nope" is not declared in'

# a hand-written state needs the explicit flag
$gen 3 > s.json
expect_exit 1 pave state push s.json
expect_contains err "state file s.json is corrupt: it has no checksum (truncated or written by hand)"
expect_exit 0 pave state push --allow-no-checksum s.json
expect_contains out "Pushed s.json to local .pave/state/dev.json (serial 1, 3 resource(s))."
expect_file .pave/state/dev.json

expect_exit 0 pave state list
expect_lines out 4
expect_contains out "k8s:apps/v1/Deployment/shop/web-00001  shop  Deployment  1"
expect_exit 0 pave state list --output json
expect_json out 'd["serial"] == 1 and len(d["resources"]) == 3 and d["resources"][0]["kind"] == "Deployment"'
expect_exit 0 pave state list -o yaml
expect_contains out "serial: 1"

expect_exit 0 pave state show k8s:apps/v1/Deployment/shop/web-00002
expect_contains out "# k8s:apps/v1/Deployment/shop/web-00002 (app shop, revision 1, sha256:"
expect_contains out "image: nginx:1.2"
expect_exit 0 pave state show k8s:apps/v1/Deployment/shop/web-00002 -o json
expect_json out 'd["applied"]["spec"]["replicas"] == 2 and d["name"] == "web-00002"'
expect_exit 1 pave state show k8s:apps/v1/Deployment/shop/web-0002
expect_contains err "no resource k8s:apps/v1/Deployment/shop/web-0002 in the state of dev"
expect_contains err "did you mean k8s:apps/v1/Deployment/shop/web-00002?"

# pull prints the state file, one JSON document; its checksum is XXH3-128 of
# the bytes after the checksum line (docs/state.md)
expect_exit 0 pave state pull
cp "$t/out" pulled.json
cmp -s pulled.json .pave/state/dev.json || fail "pull differs from the state file"
expect_json pulled.json 'd["format_version"] == 2 and len(d["resources"]) == 3'
if command -v xxhsum > /dev/null; then
  sum=$(tail -n +3 pulled.json | xxhsum -H2 | cut -d' ' -f1)
  expect_contains pulled.json "\"checksum\":\"xxh3-128:$sum\","
fi

# rm forgets, bumps the serial and records a revision; all or nothing
expect_exit 1 pave state rm k8s:apps/v1/Deployment/shop/web-00000 k8s:nope
expect_contains err "not in the state of dev: k8s:nope; nothing was removed"
expect_exit 0 pave state rm k8s:apps/v1/Deployment/shop/web-00000
expect_contains out "Forgot 1 resource(s) in the state of dev (serial 2, revision 2); live objects were not touched."
expect_exit 0 pave state rm -o json k8s:apps/v1/Deployment/shop/web-00001
expect_json out 'd["removed"] == ["k8s:apps/v1/Deployment/shop/web-00001"] and d["serial"] == 3 and d["resources"] == 1'
expect_exit 0 pave history
expect_contains out "REVISION  TIME"
expect_contains out "state rm   deployed    forgot k8s:apps/v1/Deployment/shop/web-00001"
expect_contains out "superseded"
expect_exit 0 pave history -o json
expect_json out '[r["revision"] for r in d["revisions"]] == [1, 2, 3] and d["revisions"][2]["objects"] == 1'

# push refuses an older serial unless --force; a forced push still bumps the serial
expect_exit 1 pave state push pulled.json
expect_contains err "pulled.json has serial 1, older than the stored serial 3; use --force to replace it"
expect_exit 0 pave state push --force pulled.json
expect_contains out "(serial 4, 3 resource(s))"
# another lineage is refused
$gen 1 9 > other.json
expect_exit 1 pave state push --allow-no-checksum -e prod s.json
expect_contains err "s.json is the state of environment dev, not prod"
python3 -c 'import json,sys; d=json.load(open("other.json")); d["lineage"]="x"; json.dump(d, open("other.json","w"))'
expect_exit 1 pave state push --allow-no-checksum other.json
expect_contains err "other.json has lineage x but the state of dev has lineage"
# backups of the replaced versions
for n in 1 2 3; do expect_file .pave/state/dev.json.backup.$n; done
# environments are separate
expect_exit 0 pave state list -e prod
expect_contains out "There is no state for environment prod yet"

# unlock needs --force and the recorded lock id
expect_exit 2 pave state unlock some-id
expect_contains err "pave state unlock needs --force"
expect_exit 1 pave state unlock --force some-id
expect_contains err "is not locked"

# --state-dir and the state_dir setting move the state
expect_exit 0 pave state push --state-dir elsewhere --allow-no-checksum s.json
expect_file elsewhere/dev.json
PAVE_STATE_DIR=elsewhere expect_exit 0 pave state list -o json
expect_json out 'd["store"] == "local elsewhere/dev.json"'
# a bad --lock-timeout is a usage error
expect_exit 2 pave state rm --lock-timeout soon k8s:x
expect_contains err 'invalid duration "soon"'
