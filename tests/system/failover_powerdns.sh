#!/usr/bin/env bash
# pave failover against a real PowerDNS Authoritative server and the
# Kubernetes double: the primary's health endpoint fails -> failover ->
# dig @127.0.0.1 -p PORT answers the secondary's address, the RTO is printed
# and recorded in the state and the audit log; status; failback.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"
failover_powerdns_bed
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "set-up: dig does not answer the primary"

# Everything healthy: status within bounds, the secondary at 0 replicas.
expect_exit 0 pave failover status -e prod
expect_contains out "Within bounds."
expect_contains out "web 0/0 ready"
expect_exit 0 pave failover status -e prod --output json
expect_json out 'd["active"] == "primary" and d["dns_answer"] == ["'$PRIMARY_IP'"] and d["out_of_bounds"] == []'

# A healthy primary is not failed over without --force, and nothing changes.
expect_exit 1 pave failover -e prod --to secondary
expect_contains err "primary is healthy"
expect_contains err "use --force"
[ "$(site_replicas site-b)" = 0 ] || fail "the refused failover scaled the standby"
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "the refused failover changed DNS"

# The primary fails: status is out of bounds (exit 5).
site_health primary down
expect_exit 5 pave failover status -e prod
expect_contains out "primary (active) is unhealthy"

# Failover: six steps, live on stderr, DNS answers the secondary.
expect_exit 0 pave failover -e prod --to secondary
cp "$t/out" failover.out; cp "$t/err" failover.err
expect_contains failover.err "[1/6] confirm primary is unhealthy: done"
expect_contains failover.err "3 of 3 probes failed"
expect_contains failover.err "[2/6] scale secondary up and wait until ready: done"
expect_contains failover.err "[3/6] restore the latest backup to secondary: skipped"
expect_contains failover.err "[4/6] switch DNS app.example.org. to secondary: done"
expect_contains failover.err "[5/6] verify DNS and secondary health: done"
expect_contains failover.out "RTO: "
expect_contains failover.out "(target 5m, met)"
[ "$(dig_a app.example.org)" = $SECONDARY_IP ] || fail "dig does not answer the secondary after failover"
[ "$(site_replicas site-b)" = 2 ] || fail "the secondary was not scaled to 2"
[ ! -e .pave/failover/prod.journal.json ] || fail "the journal of a completed run is left behind"

# Recorded: the state's failover section and the audit log.
pave state pull -e prod > state.json
expect_json state.json 'd["sections"]["failover"]["version"] == 1 and d["sections"]["failover"]["active"] == "secondary"'
expect_json state.json 'd["sections"]["failover"]["events"][-1]["rto_ms"] > 0 and len(d["sections"]["failover"]["events"][-1]["steps"]) == 5'
expect_json state.json 'd["sections"]["failover"]["events"][-1]["within_rto"] is True'
expect_contains .pave/failover/prod.audit.jsonl '"event":"completed"'
[ "$(grep -c '"status":"done"\|"status":"skipped"' .pave/failover/prod.audit.jsonl)" = 6 ] || fail "audit log: not 6 steps"
# Timing figures for the report (ctest -V shows them).
grep '^  [1-6]\. \|^RTO' failover.out

# A second failover to the active site changes nothing.
expect_exit 0 pave failover -e prod --to secondary
expect_contains out "secondary is already the active site"

# Status now expects the secondary (the primary is still down: out of bounds as standby).
expect_exit 5 pave failover status -e prod --output json
expect_json out 'd["active"] == "secondary" and d["dns_answer"] == ["'$SECONDARY_IP'"]'
expect_json out 'd["last_failover"]["to"] == "secondary"'

# Failback refuses while the primary is down, then works once it is healthy.
expect_exit 1 pave failback -e prod
expect_contains err "primary is not healthy"
[ "$(dig_a app.example.org)" = $SECONDARY_IP ] || fail "a refused failback changed DNS"
site_health primary up
expect_exit 0 pave failback -e prod
expect_contains err "[1/6] confirm primary is healthy: done"
expect_contains out "RTO: "
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "dig does not answer the primary after failback"
expect_exit 0 pave failover status -e prod
expect_contains out "Within bounds."
