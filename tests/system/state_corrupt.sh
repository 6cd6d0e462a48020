#!/bin/bash
# A truncated or edited state file is refused with a clear one-line error
# naming it and its backups, and never overwritten; a forced push of a backup
# moves it aside and recovers.
source "$(dirname "$0")/common.sh"
expect_exit 0 pave init . --yes --name shop --env dev
python3 "$(dirname "$0")/state_gen.py" 20 > s.json
expect_exit 0 pave state push --allow-no-checksum s.json
expect_exit 0 pave state rm k8s:apps/v1/Deployment/shop/web-00000
f=.pave/state/dev.json
good=$(cat $f | wc -c)

# truncated
head -c $((good / 2)) $f > cut && cp cut $f
for cmd in "state list" "state show k8s:apps/v1/Deployment/shop/web-00001" "state pull" "history" \
           "state rm k8s:apps/v1/Deployment/shop/web-00001" "state push s.json --allow-no-checksum"; do
  expect_exit 1 pave $cmd
  expect_contains err "pave: error: state file .pave/state/dev.json is corrupt: checksum mismatch"
  expect_contains err "(truncated or edited by hand); backups are in .pave/state/dev.json.backup.N (newest: .pave/state/dev.json.backup.1)"
  cmp -s cut $f || fail "$cmd changed the corrupt state file"
done
expect_lines err 2 # the error and its hint

# edited by hand: valid JSON, wrong checksum
cp .pave/state/dev.json.backup.1 $f
sed -i 's/"replicas":2/"replicas":3/' $f
python3 -c 'import json; json.load(open(".pave/state/dev.json"))'
cp $f edited
expect_exit 1 pave state rm k8s:apps/v1/Deployment/shop/web-00001
expect_contains err "state file .pave/state/dev.json is corrupt: checksum mismatch (truncated or edited by hand)"
cmp -s edited $f || fail "the edited state file was overwritten"


# a flipped byte
cp .pave/state/dev.json.backup.1 $f
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 3] ^= 1; open(sys.argv[1], "wb").write(b)' $f
expect_exit 1 pave state list
expect_contains err "state file .pave/state/dev.json is corrupt: checksum mismatch (truncated or edited by hand)"

# written by a newer pave (a format without this pave's checksum line)
python3 - <<'PY'
import json
d = json.load(open(".pave/state/dev.json.backup.1")); d.pop("checksum"); d["format_version"] = 9
json.dump(d, open(".pave/state/dev.json", "w"))
PY
expect_exit 1 pave state list
expect_contains err "state file .pave/state/dev.json was written by a newer pave (format 9; this pave reads formats 0 to 2)"

# recovery: push a backup with --force; the unreadable file is moved aside
cp cut $f
expect_exit 0 pave state push --force .pave/state/dev.json.backup.1
expect_contains out "(serial 3, 20 resource(s))"
ls .pave/state/dev.json.corrupt-* > /dev/null || fail "the corrupt file was not kept"
cmp -s cut .pave/state/dev.json.corrupt-* || fail "the corrupt file kept is not the one replaced"
expect_exit 0 pave state list
