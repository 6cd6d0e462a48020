#!/bin/bash
# `pave state migrate`: a local state to S3 and back, byte for byte (lineage
# and serial kept), verified, the source removed (kept as a backup) or kept;
# a destination holding another state is refused.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start
awsm s3 mb s3://pave-state >/dev/null
export AWS_ENDPOINT_URL_S3=$MOTO_URL

expect_exit 0 pave init . --yes --name shop --env dev
python3 "$(dirname "$0")/state_gen.py" 5 > s.json
expect_exit 0 pave state push --allow-no-checksum s.json
cp .pave/state/dev.json original.json
serial=$(python3 -c 'import json; print(json.load(open("original.json"))["serial"])')

# local -> S3
expect_exit 0 pave state migrate --to s3://pave-state/shop
expect_contains out "Migrated the state of dev (serial $serial"
expect_contains out "to s3://pave-state/shop/dev.json"
expect_contains out '[state] backend = "s3://pave-state/shop"'
awsm s3 cp s3://pave-state/shop/dev.json s3.json >/dev/null
cmp original.json s3.json || fail "the S3 copy differs"
[ ! -e .pave/state/dev.json ] || fail "the local state was not removed"
expect_file ".pave/state/dev.json.backup.$serial"
expect_exit 0 pave state list --state-dir s3://pave-state/shop -o json
expect_json out "d['serial'] == $serial and len(d['resources']) == 5"
# Again: the source is gone now.
expect_exit 1 pave state migrate --to s3://pave-state/shop
expect_contains err "there is no state for environment dev in local"

# A destination holding a state of another lineage is refused unless --force.
expect_exit 0 pave state push --allow-no-checksum --state-dir other s.json
expect_exit 1 pave state migrate --state-dir other --to s3://pave-state/shop --keep-source
expect_contains err "already holds a state of another lineage"

# S3 -> local, keeping the source
expect_exit 0 pave state migrate --from s3://pave-state/shop --to .pave/state --keep-source
cmp original.json .pave/state/dev.json || fail "the local copy differs"
awsm s3api head-object --bucket pave-state --key shop/dev.json >/dev/null || fail "the source was not kept"
# ... and once more with the same bytes: nothing to copy; then remove the S3 source.
expect_exit 0 pave state migrate --from s3://pave-state/shop --to .pave/state -o json
expect_json out 'd["copied"] == False and d["source_removed"] == True'
awsm s3api head-object --bucket pave-state --key shop/dev.json >/dev/null 2>&1 && fail "the S3 state was not removed"
awsm s3api head-object --bucket pave-state --key "shop/dev.json.backup.$serial" >/dev/null || fail "no S3 backup"
expect_exit 0 pave state list -o json
expect_json out "d['serial'] == $serial"
