#!/bin/bash
# kill -9 at random moments of real state writes (`pave state push` of a
# 3,500-resource state, alternating two contents) leaves the previous or the
# new state, never a broken one, and never blocks the next run.
source "$(dirname "$0")/common.sh"
expect_exit 0 pave init . --yes --name shop --env dev
gen="python3 $(dirname "$0")/state_gen.py"
$gen 3500 0 a > a.json
$gen 3500 0 b > b.json
expect_exit 0 pave state push --allow-no-checksum a.json

state_of() { # prints "SERIAL MARK" of the current state; fails if it is unreadable
  "$PAVE" state pull > cur.json 2> cur.err || { cat cur.err; fail "iteration $i: the state is unreadable"; }
  python3 -c '
import json
d = json.load(open("cur.json"))
marks = {r["applied"]["metadata"]["labels"]["mark"] for r in d["resources"]}
assert len(d["resources"]) == 3500 and len(marks) == 1, (len(d["resources"]), marks)
print(d["serial"], marks.pop())'
}

# how long one push takes, to spread the kills over it
start=$(date +%s%N)
expect_exit 0 pave state push --force --allow-no-checksum b.json
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "one push of 3,500 resources: ${ms} ms"

iterations=${PAVE_CRASH_ITERATIONS:-30}
killed=0 completed=0
read -r serial mark < <(state_of)
for i in $(seq "$iterations"); do
  next=$([ "$mark" = a ] && echo b || echo a)
  "$PAVE" state push --force --allow-no-checksum "$next.json" > /dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c "import random; print(random.uniform(0, $ms * 1.2 / 1000))")"
  kill -9 "$pid" 2>/dev/null || true
  rc=0; wait "$pid" 2>/dev/null || rc=$?
  read -r new_serial new_mark < <(state_of)
  if [ "$new_serial" = "$serial" ] && [ "$new_mark" = "$mark" ]; then
    killed=$((killed + 1))
  elif [ "$new_serial" = $((serial + 1)) ] && [ "$new_mark" = "$next" ]; then
    completed=$((completed + 1))
  else
    fail "iteration $i: serial $serial mark $mark became serial $new_serial mark $new_mark"
  fi
  serial=$new_serial mark=$new_mark
done
echo "$iterations kills: $killed left the previous state, $completed the new one"
# leftovers of killed writes are cleaned by the next lock holder
expect_exit 0 pave state push --force --allow-no-checksum a.json
if ls -A .pave/state | grep -q '\.tmp-'; then ls -A .pave/state; fail "temporary files left behind"; fi
[ "$(ls .pave/state | grep -c 'dev.json.backup.')" -le 10 ] || fail "more than 10 backups kept"
