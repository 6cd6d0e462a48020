#!/usr/bin/env bash
# pave backup prune and schedule on a directory destination (directory
# target): keep rules with --dry-run, TTL, [backup] defaults, refusal
# without a policy; the CronJob and GitHub workflow it prints.
. "$(dirname "$0")/common.sh"

backup_directory_project
for n in 1 2 3 4; do
  expect_exit 0 pave backup create -e dev --name "b$n"
done
# Pin the creation times: b1 40 days ago, b2 10 days ago, b3 and b4 on
# today's UTC date, whatever the hour (b3 no earlier than midnight, so a
# run just after 00:00 UTC does not move it to yesterday's daily bucket).
python3 - <<'PY'
import json, datetime
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
midnight = now.replace(hour=0, minute=0, second=0)
b4 = max(midnight, now - datetime.timedelta(minutes=1))
b3 = max(midnight, b4 - datetime.timedelta(minutes=30))
if b3 == b4:
    b4 = b3 + datetime.timedelta(seconds=1)
times = {"b1": now - datetime.timedelta(days=40), "b2": now - datetime.timedelta(days=10),
         "b3": b3, "b4": b4}
for name, when in times.items():
    p = f"backups/{name}/backup.json"
    d = json.load(open(p))
    d["created"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    json.dump(d, open(p, "w"))
PY
expect_exit 0 pave backup list -e dev -o json
expect_json out '[b["id"] for b in d["backups"]] == ["b4", "b3", "b2", "b1"]'
expect_exit 2 pave backup create -e dev --name ../escape
expect_contains err 'pave: error: --name "../escape": use letters, digits'
expect_exit 1 pave backup create -e dev --name b1
expect_contains err "pave: error: backup b1 exists already in file://"


expect_exit 2 pave backup prune -e dev
expect_contains err "no retention policy"
expect_exit 0 pave backup prune -e dev --keep-last 1 --keep-daily 2 --dry-run -o json
expect_json out '[b["id"] for b in d["backups"] if b["keep"]] == ["b4", "b2"] and d["removed"] == 0'
expect_exit 0 pave backup list -e dev -o json
expect_json out 'len(d["backups"]) == 4'
expect_exit 0 pave backup prune -e dev --keep-last 3 --ttl 720h
expect_contains out "Deleted 1 backup(s), kept 3."
expect_exit 0 pave backup list -e dev -o json
expect_json out '[b["id"] for b in d["backups"]] == ["b4", "b3", "b2"]'
[ ! -e backups/b1 ] || fail "b1 was not removed"
# The policy from [backup].
printf 'keep_last = 1\n' >> pave.toml
expect_exit 0 pave backup prune -e dev
expect_exit 0 pave backup list -e dev -o json
expect_json out '[b["id"] for b in d["backups"]] == ["b4"]'
expect_exit 0 pave backup verify b4 -e dev

# Bad [backup] keys are named.
printf 'destinaton = "x"\n' >> pave.toml
expect_exit 1 pave backup list -e dev
expect_contains err 'pave.toml: [backup] unknown key "destinaton" (did you mean destination?)'
sed -i '/^destinaton/d' pave.toml

# schedule: a CronJob and a GitHub workflow, both valid YAML.
expect_exit 0 pave backup schedule -e dev --schedule "30 3 * * *"
python3 - "$t/out" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert d["kind"] == "CronJob" and d["spec"]["schedule"] == "30 3 * * *", d
c = d["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
assert "pave backup create -e dev" in c["args"][0] and "pave backup prune -e dev" in c["args"][0], c
assert any(e["name"] == "PAVE_BACKUP_KEY" for e in c["env"])
PY
expect_exit 0 pave backup schedule -e dev --format github
python3 - "$t/out" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert d[True]["schedule"][0]["cron"] == "0 2 * * *", d
PY
expect_exit 2 pave backup schedule -e dev --schedule "every day"
expect_contains err "expected five cron fields"
