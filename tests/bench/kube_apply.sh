#!/usr/bin/env bash
# Benchmark: server-side apply of N small ConfigMaps (default 3,500) by
# `pave __kube apply --parallel 16` and by `kubectl apply --server-side`,
# against the API test double with 2 ms of injected latency per request.
# Usage: tests/bench/kube_apply.sh PATH/TO/pave [N]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
pave=$(realpath "$1")
n=${2:-3500}
work=$(mktemp -d /tmp/pave-bench-XXXXXX)
. "$src/tests/kube_double/lib.sh"
kube_double_start "$work/double"
export KUBECONFIG=$work/double/kubeconfig
export XDG_CACHE_HOME=$work/cache

gen() { # gen NAMESPACE
  python3 - "$1" "$n" <<'PY'
import sys
ns, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    print(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:05d}\n  namespace: {ns}\n"
          f"  labels:\n    app: bench\ndata:\n  index: \"{i}\"\n  payload: \"{'x' * 64}\"")
PY
}
gen pave-bench > "$work/pave.yaml"
gen kubectl-bench > "$work/kubectl.yaml"
printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: pave-bench}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: kubectl-bench}\n' > "$work/ns.yaml"
"$pave" __kube apply -f "$work/ns.yaml" > /dev/null
kube_double_admin POST /_double/faults '{"latencyMs":2}' > /dev/null

requests() { kube_double_admin GET /_double/requests; echo; kube_double_admin DELETE /_double/requests > /dev/null; }
kube_double_admin DELETE /_double/requests > /dev/null
echo "== pave __kube apply --parallel 16 ($n ConfigMaps)"
/usr/bin/time -f "wall %e s, max RSS %M KiB" "$pave" __kube apply -f "$work/pave.yaml" --parallel 16 --stats --no-discovery-cache > /dev/null
echo "double saw: $(requests)"
echo "== kubectl apply --server-side"
/usr/bin/time -f "wall %e s, max RSS %M KiB" kubectl apply --server-side -f "$work/kubectl.yaml" > /dev/null
echo "double saw: $(requests)"
