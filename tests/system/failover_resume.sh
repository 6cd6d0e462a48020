#!/usr/bin/env bash
# An interrupted failover resumes at the first step not completed and does
# not repeat work: --stop-after 2 pauses after the standby is scaled (the
# journal holds steps 1-2, DNS is untouched), a plain rerun is refused, status
# reports the interrupted run (exit 5), and --resume starts at step 3 sending
# no scale request again. Then a run killed with SIGKILL while step 2 waits
# for the standby (a second run meanwhile finds the state locked, exit 4)
# resumes at step 2.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"
READY_DELAY=3 failover_powerdns_bed
site_health primary down

expect_exit 0 pave failover -e prod --to secondary --stop-after 2
expect_contains err "[2/6] scale secondary up and wait until ready: done"
expect_not_contains err "[3/6]"
expect_contains out "Paused after step 2 of 6"
expect_json .pave/failover/prod.journal.json 'len(d["steps"]) == 2 and d["steps"][1]["status"] == "done"'
[ "$(site_replicas site-b)" = 2 ] || fail "step 2 did not scale the standby"
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "DNS changed before step 4"

# Without --resume the interrupted run is not restarted, and status says so.
expect_exit 1 pave failover -e prod --to secondary
expect_contains err "an interrupted failover of prod (primary -> secondary"
expect_contains err "completed 2 of 6 steps"
expect_contains err "--resume"
expect_exit 5 pave failover status -e prod --output json
expect_json out 'd["interrupted"] is True'

# --resume: steps 1 and 2 are not run again (no scale request reaches the cluster).
kube_double_admin DELETE /_double/requests >/dev/null
expect_exit 0 pave failover -e prod --to secondary --resume
expect_contains err "[1/6] confirm primary is unhealthy: done earlier"
expect_contains err "[2/6] scale secondary up and wait until ready: done earlier"
expect_not_contains err "[1/6] confirm primary is unhealthy ..."
expect_not_contains err "[2/6] scale secondary up and wait until ready ..."
expect_contains err "[3/6] restore the latest backup to secondary ..."
expect_contains out "RTO: "
kube_double_admin GET /_double/requests > requests.json
expect_json requests.json 'd["byVerb"].get("patch", 0) == 0'
[ "$(dig_a app.example.org)" = $SECONDARY_IP ] || fail "dig does not answer the secondary after the resumed run"
[ "$(grep -c '"step":2,' .pave/failover/prod.audit.jsonl)" = 1 ] || fail "step 2 is in the audit log more than once"
grep -q '"event":"resume"' .pave/failover/prod.audit.jsonl || fail "the audit log lacks the resume"
[ ! -e .pave/failover/prod.journal.json ] || fail "the journal is left behind"
expect_exit 1 pave failover -e prod --resume
expect_contains err "nothing to resume"

# SIGKILL while step 2 waits (the double takes 3 s to report ready): the
# journal holds step 1 only, and --resume runs step 2 again (idempotent).
site_health primary up
expect_exit 0 pave failback -e prod
kubectl --context double scale deployment web -n site-b --replicas=0 >/dev/null
site_health primary down
"$PAVE" failover -e prod --to secondary > kill.out 2> kill.err &
pid=$!
for i in $(seq 1 100); do grep -q '^\[2/6\] scale secondary up and wait until ready \.\.\.' kill.err && break; sleep 0.1; done
grep -q '^\[2/6\]' kill.err || { cat kill.err; fail "the run never reached step 2"; }
# The state lock is held throughout: a second run meanwhile exits 4 naming the holder.
expect_exit 4 pave failover -e prod --to secondary
expect_contains err "is held by"
expect_contains err "failover"
sleep 0.3
kill -9 $pid; wait $pid 2>/dev/null || true
expect_json .pave/failover/prod.journal.json 'len(d["steps"]) == 1'
[ "$(site_replicas site-b)" = 2 ] || fail "the killed step 2 had not scaled the standby"
# The killed run's lock went with its process (fcntl lock); step 2 runs again and finds the work done.
expect_exit 0 pave failover -e prod --to secondary --resume
expect_contains err "[1/6] confirm primary is unhealthy: done earlier"
expect_contains err "[2/6] scale secondary up and wait until ready: done"
expect_contains err "already scaled"
[ "$(dig_a app.example.org)" = $SECONDARY_IP ] || fail "dig does not answer the secondary after the resumed failover"
