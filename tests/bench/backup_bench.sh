#!/bin/bash
# Benchmark (not a timed test): `pave backup create` of 10,000 objects plus a
# PAYLOAD_MIB (default 100) MiB payload (--include-file) to moto S3, beside
# `tar | zstd | aws s3 cp -` of the same data (the environment's 10,000
# manifests, its state file and the payload), side by side: wall time, CPU
# time (user + system, all processes) and peak RSS (/usr/bin/time -f %M: the
# largest single process of the pipeline). Both sides compress with zstd
# level 3. The objects are deployed to a directory target, so the backup
# reads them back through the target like any other. The payload is random
# (incompressible), the worst case for both sides. ROUNDS (default 3)
# alternates the two sides, so that a busy machine slows both alike.
# Usage: PAVE=build/pave [ROUNDS=N] tests/bench/backup_bench.sh [OBJECTS] [PAYLOAD_MIB]
source "$(dirname "$0")/../system/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
[ -x /usr/bin/time ] || skip "/usr/bin/time is missing"
command -v zstd >/dev/null || skip "zstd is missing"
objects=${1:-10000}
payload=${2:-${PAYLOAD_MIB:-100}}
moto_start
awsm s3 mb s3://bench >/dev/null

mkdir -p charts/many/templates
printf 'apiVersion: v2\nname: many\nversion: 1.0.0\n' > charts/many/Chart.yaml
printf 'count: %s\n' "$objects" > charts/many/values.yaml
cat > charts/many/templates/cm.yaml <<'TPL'
{{- range $i := until (int .Values.count) }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-{{ $i }}
  labels:
    app.kubernetes.io/name: many
    index: "{{ $i }}"
data:
  settings.json: '{"index": {{ $i }}, "replicas": 3, "feature": "enabled", "endpoint": "https://svc-{{ $i }}.example.com"}'
  description: "configuration object number {{ $i }} of the benchmark fleet"
{{- end }}
TPL
cat > pave.toml <<TOML
[project]
name = "bench"

[environments.bench]
target = "directory"
directory = "deploy/bench"
namespace = "fleet"

[apps.many]
chart = "charts/many"

[backup]
destination = "s3://bench/pave"
endpoint_url = "$MOTO_URL"
TOML
export PAVE_BACKUP_KEY=$(python3 -c 'import os; print(os.urandom(32).hex())')
"$PAVE" deploy -e bench --yes >/dev/null
head -c $((payload << 20)) /dev/urandom > payload.bin
echo "objects: $(find deploy/bench -type f | wc -l) manifests; payload ${payload} MiB; state $(stat -c %s .pave/state/bench.json) bytes"

measure() { # NAME CMD...: prints "NAME wall_s cpu_s peak_rss_mib"
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$t/time.txt" "$@" >/dev/null 2>"$t/cmd.err" || { cat "$t/cmd.err"; fail "$name failed"; }
  read -r wall user sys rss < "$t/time.txt"
  printf '%-34s %8s s %8s s %8s MiB\n' "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$((rss / 1024))"
}

printf '%-34s %10s %10s %12s\n' "$objects objects + ${payload} MiB" "wall" "CPU" "peak RSS"
for round in $(seq 1 "${ROUNDS:-3}"); do
  measure "pave backup create ($round)" "$PAVE" backup create -e bench --name "run$round" --include-file payload.bin
  measure "tar | zstd | aws s3 cp - ($round)" bash -c \
    "tar -cf - deploy/bench .pave/state/bench.json payload.bin | zstd -q -3 | aws --endpoint-url $MOTO_URL s3 cp - s3://bench/tar/run$round.tar.zst --only-show-errors"
done
measure "pave backup verify" "$PAVE" backup verify run1 -e bench
"$PAVE" backup list -e bench
awsm s3 ls s3://bench/tar/
