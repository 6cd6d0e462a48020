#!/usr/bin/env bash
# pave failover status reads the newest backup of the environment from the
# [backup] destination: no backup is out of bounds against the RPO (exit 5);
# after pave backup create it is within bounds and names the backup.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"
failover_powerdns_bed
printf '\n[backup]\ndestination = "backups"\nrpo = "1h"\n' >> pave.toml
export PAVE_BACKUP_KEY=$(printf '%064x' 7)

expect_exit 5 pave failover status -e prod --output json
expect_json out 'd["out_of_bounds"] == ["no backup exists (RPO 60m)"]'

expect_exit 0 pave deploy -e prod --yes
expect_exit 0 pave backup create -e prod --output json
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$t/out")
expect_exit 0 pave failover status -e prod
expect_contains out "$id taken"
expect_exit 0 pave failover status -e prod --output json
expect_json out 'd["out_of_bounds"] == [] and d["backup_age_ms"] < 3600000'
