#!/bin/bash
# Benchmark: pave cost-report over a recorded state of N (default 100,000)
# resources (tests/bench/cost_state_gen.py: Deployments, HPAs, StatefulSets,
# PVCs, Services, CronJobs, ConfigMaps), timed with hyperfine. Goal: < 200 ms.
# The generated state is format 1 without checksum; `state push` stores it in
# the current format (2: one record a line, ~60 MB for 100,000 resources),
# which is what cost-report then reads.
# Usage: PAVE=build/pave tests/bench/cost_bench.sh [N]
source "$(dirname "$0")/../system/common.sh"
command -v hyperfine >/dev/null || skip "hyperfine is not installed"
n=${1:-100000}
mkdir -p charts/x/templates
printf 'apiVersion: v2\nname: x\nversion: 1.0.0\n' > charts/x/Chart.yaml
cat > pave.toml <<'TOML'
[project]
name = "bench"
[environments.dev]
target = "directory"
directory = "deploy"
region = "us-east-1"
[apps.x]
chart = "charts/x"
TOML
python3 "$SOURCE_DIR/tests/bench/cost_state_gen.py" "$n" > state.json
pave state push -e dev --allow-no-checksum state.json >/dev/null
echo "state: $n resources, $(du -h .pave/state/dev.json | cut -f1) on disk"
pave cost-report -e dev --state --format json > report.json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d["environments"][0]
print("priced", e["priced_resources"], "free", e["unpriced_resources"], "monthly", d["monthly"], "-", d["monthly_max"])' report.json
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-json hyperfine.json \
  -n "cost-report --state (table)" "$PAVE cost-report -e dev --state > /dev/null" \
  -n "cost-report --state --format json" "$PAVE cost-report -e dev --state --format json > /dev/null" \
  -n "cost-report --state --format csv" "$PAVE cost-report -e dev --state --format csv > /dev/null" \
  -n "cost-report --state --format markdown" "$PAVE cost-report -e dev --state --format markdown > /dev/null"
cp hyperfine.json "${BENCH_OUT:-/dev/null}" 2>/dev/null || true
