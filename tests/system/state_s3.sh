#!/bin/bash
# Remote state in S3 (moto): `[state] backend = "s3://..."` keeps the state of
# a directory-target project in the bucket (encrypted, read back with the AWS
# CLI); two working copies sharing it: one gets exit 4 naming the holder,
# and after both deployed no update is lost.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start
awsm s3 mb s3://pave-state >/dev/null

# A working copy: a directory-target project whose state is in the bucket.
make_copy() {
  pave init "$1" --yes --name shop --env dev >/dev/null
  sed -i 's/^target = "kubernetes".*/target = "directory"\ndirectory = "deploy\/dev"/' "$1/pave.toml"
  printf '\n[state]\nbackend = "s3://pave-state/teams/shop"\nendpoint_url = "%s"\n' "$MOTO_URL" >> "$1/pave.toml"
}
make_copy a
cd a
expect_exit 0 pave deploy -e dev --yes
expect_contains out "Deployed revision 1 of dev"
[ ! -e .pave/state/dev.json ] || fail "a local state was written"
awsm s3 cp s3://pave-state/teams/shop/dev.json - > "$t/dev.json"
expect_json "$t/dev.json" 'd["serial"] >= 1 and d["environment"] == "dev" and d["checksum"].startswith("xxh3-128:")'
awsm s3api head-object --bucket pave-state --key teams/shop/dev.json > "$t/head.json"
expect_json "$t/head.json" 'd["ServerSideEncryption"] == "AES256"'
awsm s3api head-object --bucket pave-state --key teams/shop/dev.json.lock >/dev/null 2>&1 && fail "lock object left"
expect_exit 0 pave state list -o json
expect_contains out "s3://pave-state/teams/shop/dev.json"
serial0=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["serial"])' "$t/dev.json")
cd ..

# A second working copy (another machine, another commit: an extra app).
make_copy b
printf '\n[apps.api]\nchart = "charts/shop"\nrelease = "api"\n' >> b/pave.toml

# 1. Copy a deploys and holds the lock; copy b's deploy exits 4 naming it.
wait_for_lock() {
  for _ in $(seq 200); do
    awsm s3api head-object --bucket pave-state --key teams/shop/dev.json.lock >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  fail "copy a never took the lock"
}
sed -i 's/^replicaCount: 1$/replicaCount: 2/' a/values/dev.yaml
(cd a && PAVE_TEST_LOCK_HOLD_MS=8000 exec "$PAVE" deploy -e dev --yes > "$t/a.out" 2>&1) &
holder=$!
wait_for_lock
# Read while copy a surely holds it (the aws CLI is slow to start on a loaded machine).
id=$(awsm s3 cp s3://pave-state/teams/shop/dev.json.lock - | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
cd b
expect_exit 4 pave deploy -e dev --yes
expect_contains err "pave: error: the state lock of s3://pave-state/teams/shop/dev.json is held by"
expect_contains err "(pid $holder"
expect_contains err ", deploy, since "
expect_contains err "lock id $id)"
expect_contains err "pave state unlock --force $id"
# 2. With --lock-timeout it waits for copy a, then deploys on top of a's state.
expect_exit 0 pave deploy -e dev --yes --lock-timeout 60s
wait "$holder" || { cat "$t/a.out"; fail "copy a's deploy failed"; }
expect_contains "$t/a.out" "Deployed revision 2 of dev"
expect_contains out "Deployed revision 3 of dev"
# No update lost: both deploys are in the state, each one write on top of the other.
expect_exit 0 pave history -e dev -o json
expect_json out '[r["revision"] for r in d["revisions"]] == [1, 2, 3]'
expect_json out '[r["status"] for r in d["revisions"]] == ["superseded", "superseded", "deployed"]'
awsm s3 cp s3://pave-state/teams/shop/dev.json - > "$t/dev.json"
expect_json "$t/dev.json" "d['serial'] == $serial0 + 2"
expect_json "$t/dev.json" 'any(r["app"] == "api" for r in d["resources"])'
expect_json "$t/dev.json" 'd["revisions"][1]["objects"] != {} and d["revisions"][2]["objects"] != {}'
awsm s3 ls s3://pave-state/teams/shop/ > "$t/ls"
expect_contains "$t/ls" "dev.json.backup.$serial0"
# 3. Stale lock: a lock object left by a process that is gone is reported.
printf '{"id":"dead-1","operation":"deploy","who":"ci@%s","host":"%s","pid":999999999,"created":"2020-01-01T00:00:00Z"}' \
  "$(hostname)" "$(hostname)" | awsm s3 cp - s3://pave-state/teams/shop/dev.json.lock >/dev/null
expect_exit 4 pave deploy -e dev --yes
expect_contains err "the lock looks stale: its holder (pid 999999999 on this host"
expect_contains err "pave state unlock --force dead-1"
expect_exit 1 pave state unlock --force wrong-id
expect_exit 0 pave state unlock --force dead-1
expect_exit 0 pave deploy -e dev --yes
# 4. A missing bucket is a one-line error naming the cause.
expect_exit 1 pave state list --state-dir s3://no-such-bucket/x
expect_contains err "NoSuchBucket"
