#!/usr/bin/env bash
# pave failover drill: a rehearsal (no drill record) changes nothing and
# records the drill; with [failover.drill] record the drill switches that
# record to the standby and leaves the production record untouched; the RTO
# is reported and status shows the last drill. --dry-run prints the exact
# PowerDNS PATCH body. A drill against a staging environment
# ([failover.environments.staging]) touches nothing of production.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"
failover_powerdns_bed
pdns_set drill.example.org. A $PRIMARY_IP

# Dry run of a failover: the exact request body, nothing changed.
expect_exit 0 pave failover -e prod --to secondary --dry-run
expect_contains out "PATCH $PDNS_API_URL/api/v1/servers/localhost/zones/example.org."
expect_contains out '{"rrsets":[{"changetype":"REPLACE","name":"app.example.org.","records":[{"content":"198.51.100.20","disabled":false}],"ttl":30,"type":"A"}]}'
expect_contains out "PATCH double /apis/apps/v1/namespaces/site-b/deployments/web/scale"
expect_contains out '{"spec":{"replicas":2}}'
[ "$(site_replicas site-b)" = 0 ] || fail "the dry run scaled the standby"
[ ! -e .pave/failover/prod.journal.json ] || fail "the dry run wrote a journal"

# A rehearsal: read-only.
expect_exit 0 pave failover drill -e prod
expect_contains out "Drill (rehearsal, nothing changed) app.example.org.: primary -> secondary"
expect_contains out "RTO: "
expect_contains err "rehearsal: would send PATCH"
[ "$(site_replicas site-b)" = 0 ] || fail "the rehearsal scaled the standby"
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "the rehearsal changed production DNS"

# A drill on its own record.
failover_project powerdns '
[failover.drill]
record = "drill.example.org"'
expect_exit 0 pave failover drill -e prod --dry-run
expect_contains out '"name":"drill.example.org."'
expect_not_contains out '"name":"app.example.org."'
expect_exit 0 pave failover drill -e prod
expect_contains out "Drill drill.example.org.: primary -> secondary"
expect_contains out "RTO: "
grep '^  [1-6]\. \|^RTO' "$t/out"
[ "$(dig_a drill.example.org)" = $SECONDARY_IP ] || fail "the drill record does not answer the standby"
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "the drill changed production DNS"
[ "$(site_replicas site-b)" = 2 ] || fail "the drill did not scale the standby"

expect_exit 0 pave failover status -e prod --output json
expect_json out 'd["active"] == "primary" and d["last_drill"]["operation"] == "drill" and d["last_drill"]["rehearsal"] is False'
expect_json out 'd["last_failover"] is None and d["dns_answer"] == ["'$PRIMARY_IP'"]'
pave state pull -e prod > st.json
expect_json st.json '[e["operation"] for e in d["sections"]["failover"]["events"]] == ["drill", "drill"]'
expect_json st.json 'd["sections"]["failover"]["events"][0]["dry_run"] is True and d["sections"]["failover"]["active"] == "primary"'

# A drill against a staging environment: [failover.environments.staging]
# names staging's record and drill record; production's record, drill record
# and state are untouched.
pdns_set app.staging.example.org. A $PRIMARY_IP
pdns_set drill.staging.example.org. A $PRIMARY_IP
cat >> pave.toml <<'TOML'

[environments.staging]
target = "directory"
directory = "out/staging"

[failover.environments.staging.dns]
record = "app.staging.example.org"

[failover.environments.staging.drill]
record = "drill.staging.example.org"
TOML
pave state pull -e prod > prod-before.json
expect_exit 0 pave failover drill -e staging
expect_contains out "Drill drill.staging.example.org.: primary -> secondary"
[ "$(dig_a drill.staging.example.org)" = $SECONDARY_IP ] || fail "the staging drill record does not answer the standby"
[ "$(dig_a app.staging.example.org)" = $PRIMARY_IP ] || fail "the staging drill changed staging's record"
[ "$(dig_a drill.example.org)" = $SECONDARY_IP ] || fail "the staging drill changed production's drill record"
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "the staging drill changed production DNS"
pave state pull -e prod > prod-after.json
cmp -s prod-before.json prod-after.json || fail "the staging drill changed production's state"
expect_exit 0 pave failover status -e staging --output json
expect_json out 'd["record"] == "app.staging.example.org." and d["last_drill"]["operation"] == "drill"'
sed -i 's/^\[failover.environments.staging.dns\]/[failover.environments.stagign.dns]/' pave.toml
expect_exit 1 pave validate
expect_contains err "[failover.environments.stagign] names no environment of the project (did you mean \"staging\"?)"
