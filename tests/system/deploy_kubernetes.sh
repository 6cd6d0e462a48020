#!/usr/bin/env bash
# The Kubernetes target against the API test double over TLS: init -> plan ->
# deploy -> a values change plans exactly the changed fields -> deploy ->
# a failing rollout with --atomic rolls back -> rollback -> an app removed
# from pave.toml is pruned. kubectl (a real client) checks the cluster.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/kube_double/lib.sh"
command -v kubectl >/dev/null || skip "kubectl is not installed"

kube_double_start "$t/cluster" --ready-delay 0.3
export PAVE_KUBECONFIG=$KUBECONFIG
k() { kubectl --context double "$@"; }

pave init shop --yes --name shop --env dev >/dev/null
cd shop
sed -i 's/^context = "dev".*/context = "double"/' pave.toml

expect_exit 2 pave plan -e dev --detailed-exitcode
expect_contains out "+ Deployment shop-dev/shop"
expect_contains out "+ Namespace shop-dev"
expect_exit 0 pave deploy -e dev --yes
expect_contains out "Deployed revision 1 of dev"
k get deployment shop -n shop-dev -o json --show-managed-fields > dep.json
expect_json dep.json 'd["spec"]["replicas"] == 1 and d["metadata"]["generation"] == 1'
expect_json dep.json 'd["status"]["availableReplicas"] == 1'
expect_json dep.json 'any(m["manager"] == "pave" and m["operation"] == "Apply" for m in d["metadata"]["managedFields"])'

expect_exit 0 pave plan -e dev --detailed-exitcode
expect_contains out "No changes."

sed -i 's/^replicaCount: 1$/replicaCount: 3/' values/dev.yaml
expect_exit 2 pave plan -e dev --detailed-exitcode --output json
expect_json out 'd["summary"]["update"] == 1 and d["summary"]["create"] == 1 and d["summary"]["delete"] == 0'
expect_json out '[c["kind"] for c in d["changes"] if c["action"] == "create"] == ["PodDisruptionBudget"]'
expect_json out '[f["path"] for c in d["changes"] for f in c["fields"]] == [".spec.replicas"]'
# The server's own view (dry run) agrees, and nothing is persisted by it.
expect_exit 0 pave plan -e dev --server-dry-run --output json
expect_json out '[f["path"] for c in d["changes"] if c["action"] == "update" for f in c["fields"]] == [".spec.replicas"]'
k get deployment shop -n shop-dev -o json > dep.json
expect_json dep.json 'd["spec"]["replicas"] == 1'
expect_exit 0 pave deploy -e dev --yes
k get deployment shop -n shop-dev -o json > dep.json
expect_json dep.json 'd["spec"]["replicas"] == 3 and d["metadata"]["generation"] == 2'

# A rollout that fails: --atomic puts revision 2 back.
kube_double_admin POST /_double/fail '{"image": "broken"}' >/dev/null
printf 'image:\n  repository: example.com/broken\n' >> values/dev.yaml
expect_exit 1 pave deploy -e dev --yes --atomic --timeout 20s
expect_contains err "rolled back to revision 2"
k get deployment shop -n shop-dev -o json > dep.json
expect_json dep.json '"broken" not in d["spec"]["template"]["spec"]["containers"][0]["image"]'
expect_exit 0 pave history -e dev --output json
expect_contains out '"failed"'

# Roll back to revision 1 on demand.
sed -i '/^image:/,$d' values/dev.yaml
expect_exit 0 pave rollback 1 -e dev
k get deployment shop -n shop-dev -o json > dep.json
expect_json dep.json 'd["spec"]["replicas"] == 1'

# Drift made with kubectl shows in the plan.
k scale deployment shop -n shop-dev --replicas 5 >/dev/null
expect_exit 2 pave plan -e dev --detailed-exitcode
expect_contains out "! drift .spec.replicas"

# The app leaves pave.toml: what pave deployed for it is pruned.
sed -i '/^\[apps.shop\]/,$d' pave.toml
expect_exit 0 pave deploy -e dev --yes
expect_exit 1 kubectl --context double get deployment shop -n shop-dev
expect_contains err "NotFound"
