#!/bin/bash
# Two concurrent operations on one state: the second fails with exit 4 naming
# the holder, or waits with --lock-timeout; nothing is lost. A run killed
# while holding the lock never blocks the next one, which reports it.
# PAVE_TEST_LOCK_HOLD_MS (a documented test hook) makes a real pave hold the
# lock for that long after taking it.
source "$(dirname "$0")/common.sh"
expect_exit 0 pave init . --yes --name shop --env dev
python3 "$(dirname "$0")/state_gen.py" 4 > s.json
expect_exit 0 pave state push --allow-no-checksum s.json
a=k8s:apps/v1/Deployment/shop/web-00000
b=k8s:apps/v1/Deployment/shop/web-00001
c=k8s:apps/v1/Deployment/shop/web-00002

wait_for_lock() { # until the lock file names a holder
  for _ in $(seq 100); do [ -s .pave/state/dev.json.lock ] && return 0; sleep 0.05; done
  fail "the first operation never took the lock"
}

# 1. the lock is held: exit 4, naming who, pid, operation, since and lock id
PAVE_TEST_LOCK_HOLD_MS=3000 "$PAVE" state rm "$a" > first.out 2>&1 &
holder=$!
wait_for_lock
expect_exit 4 pave state rm "$b"
expect_contains err "pave: error: the state lock of local .pave/state/dev.json is held by"
expect_contains err "(pid $holder, state rm, since "
id=$(python3 -c 'import json; print(json.load(open(".pave/state/dev.json.lock"))["id"])')
expect_contains err "lock id $id)"
expect_contains err "pave state unlock --force $id"
# 2. with --lock-timeout it waits and then succeeds
expect_exit 0 pave state rm --lock-timeout 20s "$b"
wait "$holder" || { cat first.out; fail "the first operation failed"; }
# nothing lost: both removals are in the state, serial 1 + 2
expect_exit 0 pave state list -o json
expect_json out 'd["serial"] == 3 and [r["name"] for r in d["resources"]] == ["web-00002", "web-00003"]'
# 3. timing out is exit 4 too
PAVE_TEST_LOCK_HOLD_MS=3000 "$PAVE" state rm "$c" > first.out 2>&1 &
holder=$!
wait_for_lock
PAVE_LOCK_TIMEOUT=300ms expect_exit 4 pave state rm k8s:apps/v1/Deployment/shop/web-00003
expect_contains err "timed out after 300ms waiting for the state lock of local .pave/state/dev.json: held by"
wait "$holder"
# 4. a holder killed with SIGKILL: the OS lock dies with it; the next run
#    takes the lock at once and reports the leftover record
PAVE_TEST_LOCK_HOLD_MS=30000 "$PAVE" state rm k8s:apps/v1/Deployment/shop/web-00003 > first.out 2>&1 &
holder=$!
wait_for_lock
kill -9 "$holder"; wait "$holder" 2>/dev/null || true
expect_exit 0 pave state rm k8s:apps/v1/Deployment/shop/web-00003
expect_contains err "pave: warning: previous run (pid $holder, state rm, since "
expect_contains err ") died without releasing the lock; its lock was cleared"
expect_exit 0 pave state list -o json
expect_json out 'd["serial"] == 5 and len(d["resources"]) == 0'
# 5. unlock --force breaks a held lock by id; the broken holder does not write
PAVE_TEST_LOCK_HOLD_MS=2000 "$PAVE" state push --allow-no-checksum --force s.json > first.out 2>&1 &
holder=$!
wait_for_lock
id=$(python3 -c 'import json; print(json.load(open(".pave/state/dev.json.lock"))["id"])')
expect_exit 1 pave state unlock --force not-the-id
expect_contains err "lock id not-the-id does not match the lock of local .pave/state/dev.json, held by"
expect_exit 0 pave state unlock --force "$id"
expect_contains out "Released lock $id of local .pave/state/dev.json."
if wait "$holder"; then cat first.out; fail "the broken holder wrote the state"; fi
grep -qF "was broken (\`pave state unlock --force $id\`) while this operation held it; not writing" first.out ||
  { cat first.out; fail "the broken holder did not say why it stopped"; }
expect_exit 0 pave state list -o json
expect_json out 'd["serial"] == 5'
