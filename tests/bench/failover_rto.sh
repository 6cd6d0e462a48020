#!/usr/bin/env bash
# Benchmark: RTO and time per runbook step of N failover/failback round trips
# (default 5) against PowerDNS Authoritative and the Kubernetes double (ready
# delay 0.5 s), with health endpoints probed 3 times 200 ms apart.
# Usage: tests/bench/failover_rto.sh PATH/TO/pave [N]
set -euo pipefail
export PAVE=$(realpath "$1")
n=${2:-5}
export PAVE_TEST_TMP=$(mktemp -d /tmp/pave-bench-XXXXXX)
# The system-test helpers, with the bench's own scratch directory.
set -- ; . "$(dirname "$0")/../system/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"
failover_powerdns_bed
: > runs.jsonl
for i in $(seq 1 "$n"); do
  site_health primary down
  pave failover -e prod --to secondary -o json 2>/dev/null >> runs.jsonl
  kubectl --context double scale deployment web -n site-a --replicas=0 >/dev/null
  site_health primary up; site_health secondary down
  pave failback -e prod -o json 2>/dev/null >> runs.jsonl
  kubectl --context double scale deployment web -n site-b --replicas=0 >/dev/null
  site_health secondary up
done
python3 - runs.jsonl <<'PY'
import json, statistics, sys
text = open(sys.argv[1]).read()
dec, i, runs = json.JSONDecoder(), 0, []
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    obj, i = dec.raw_decode(text, i)
    runs.append(obj)
def row(name, values):
    print(f"{name:<48} median {statistics.median(values):8.0f} ms  min {min(values):6.0f}  max {max(values):6.0f}")
for op in ("failover", "failback"):
    rs = [r for r in runs if r["operation"] == op]
    print(f"{op}: {len(rs)} runs")
    row("  RTO", [r["rto_ms"] for r in rs])
    for k in range(6):
        row(f"  {k+1}. " + rs[0]["steps"][k]["name"], [r["steps"][k]["duration_ms"] for r in rs])
PY
