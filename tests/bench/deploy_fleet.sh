#!/usr/bin/env bash
# Benchmark: pave plan and deploy of the fleet chart (3,500 objects,
# ../shared/bench/fleet) against the Kubernetes API test double with 2 ms
# injected latency per request, beside `kubectl apply --server-side -f` of
# the same rendered manifests into another namespace of the same double.
# Reports wall time, peak RSS and the requests the double saw. (pave's
# deploy includes waiting for the 1,500 Deployments to roll out; kubectl's
# apply does not wait.)
# Usage: tests/bench/deploy_fleet.sh PATH/TO/pave
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
pave=$(realpath "$1")
fleet=$(realpath "$src/../shared/bench/fleet")
work=$(mktemp -d /tmp/pave-bench-XXXXXX)
. "$src/tests/kube_double/lib.sh"
kube_double_start "$work/double" --ready-delay 0.2
export PAVE_KUBECONFIG=$KUBECONFIG XDG_CACHE_HOME=$work/cache
cd "$work"
cat > pave.toml <<TOML
[project]
name = "bench"

[environments.bench]
context = "double"
namespace = "fleet"

[apps.fleet]
chart = "$fleet"
TOML
"$pave" render "$fleet" --name fleet --namespace fleet-kubectl > kubectl.yaml
printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: fleet-kubectl}\n' > ns.yaml
kubectl --context double apply --server-side -f ns.yaml > /dev/null
kube_double_admin POST /_double/faults '{"latencyMs":2}' > /dev/null
requests() { kube_double_admin GET /_double/requests; echo; kube_double_admin DELETE /_double/requests > /dev/null; }
run() { # run LABEL CMD...
  kube_double_admin DELETE /_double/requests > /dev/null
  echo "== $1"; shift
  /usr/bin/time -f "wall %e s, max RSS %M KiB" "$@" > "$work/last.out"
  echo "double saw: $(requests)"
}
run "pave plan (first, 3,500 to add)" "$pave" plan -e bench
run "pave deploy (create 3,500, wait for rollouts)" "$pave" deploy -e bench --yes
run "pave plan (no changes)" "$pave" plan -e bench -v
run "kubectl apply --server-side (create)" kubectl --context double apply --server-side -n fleet-kubectl -f kubectl.yaml
echo "work dir: $work"
