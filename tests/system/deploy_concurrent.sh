#!/usr/bin/env bash
# Two deploys of one environment at once: the second fails with the lock
# code (4) naming the holder, or with --lock-timeout waits its turn; both
# revisions end up recorded and nothing is lost.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/kube_double/lib.sh"

kube_double_start "$t/cluster" --ready-delay 0.1
export PAVE_KUBECONFIG=$KUBECONFIG
pave init shop --yes --name shop --env dev >/dev/null
cd shop
sed -i 's/^context = "dev".*/context = "double"/' pave.toml
expect_exit 0 pave deploy -e dev --yes

# Slow the cluster down so that a deploy holds the lock for a while.
kube_double_admin POST /_double/faults '{"latencyMs": 300}' >/dev/null
sed -i 's/^replicaCount: 1$/replicaCount: 2/' values/dev.yaml
pave deploy -e dev --yes >"$t/first.out" 2>"$t/first.err" &
first=$!
for _ in $(seq 600); do [ -s .pave/state/dev.json.lock ] && break; sleep 0.05; done
[ -s .pave/state/dev.json.lock ] || fail "the first deploy did not take the lock within 30 s"
expect_exit 4 pave deploy -e dev --yes
expect_contains err "is held by"
expect_contains err "deploy"
expect_contains err "pave state unlock --force"

# With a timeout the second one waits for the first and then deploys.
sed -i 's/^replicaCount: 2$/replicaCount: 3/' values/dev.yaml
expect_exit 0 pave deploy -e dev --yes --lock-timeout 2m
wait "$first" || { cat "$t/first.err"; fail "the first deploy failed"; }
kube_double_admin DELETE /_double/faults >/dev/null

expect_exit 0 pave history -e dev --output json
expect_json out '[r["status"] for r in d["revisions"]] == ["superseded", "superseded", "deployed"]'
expect_exit 0 pave plan -e dev --detailed-exitcode
kubectl --context double get deployment shop -n shop-dev -o jsonpath='{.spec.replicas}' | grep -qx 3
