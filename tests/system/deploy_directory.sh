#!/usr/bin/env bash
# The GitOps target: init -> plan -> deploy writes one file per object ->
# a values change plans exactly the changed fields -> deploy -> an app
# removed from pave.toml is pruned; history and rollback work on files.
. "$(dirname "$0")/common.sh"

pave init shop --yes --name shop --env dev >/dev/null
cd shop
sed -i 's/^target = "kubernetes".*/target = "directory"\ndirectory = "deploy\/dev"/' pave.toml
pave validate >/dev/null

expect_exit 0 pave plan -e dev
expect_contains out "Plan: "
expect_contains out "+ Deployment shop-dev/shop"
expect_contains out "+ Namespace shop-dev"

expect_exit 0 pave deploy -e dev --yes
expect_contains out "Deployed revision 1 of dev"
expect_file deploy/dev/shop-dev/deployment.apps-shop.yaml
expect_file deploy/dev/_cluster/namespace-shop-dev.yaml
expect_contains deploy/dev/shop-dev/deployment.apps-shop.yaml "pave.dev/app: shop"

# Nothing changed: a no-change plan, and --detailed-exitcode says 0.
expect_exit 0 pave plan -e dev --detailed-exitcode
expect_contains out "No changes."

# Change one value: the plan shows exactly that field (and the
# PodDisruptionBudget the chart adds from two replicas on).
sed -i 's/^replicaCount: 1$/replicaCount: 3/' values/dev.yaml
expect_exit 2 pave plan -e dev --detailed-exitcode --output json
expect_json out 'd["summary"]["update"] == 1 and d["summary"]["create"] == 1 and d["summary"]["delete"] == 0'
expect_json out '[c["kind"] for c in d["changes"] if c["action"] == "create"] == ["PodDisruptionBudget"]'
expect_json out '[f["path"] for c in d["changes"] for f in c["fields"]] == [".spec.replicas"]'
expect_json out '[c["fields"][0]["after"] for c in d["changes"] if c["fields"]] == [3]'

# A saved plan applies; the same plan again is stale.
expect_exit 0 pave plan -e dev --out dev.plan
expect_exit 0 pave deploy -e dev --plan dev.plan
expect_contains deploy/dev/shop-dev/deployment.apps-shop.yaml "replicas: 3"
expect_exit 1 pave deploy -e dev --plan dev.plan
expect_contains err "is stale"

# Drift: someone edits a file by hand.
sed -i 's/replicas: 3/replicas: 7/' deploy/dev/shop-dev/deployment.apps-shop.yaml
expect_exit 2 pave plan -e dev --detailed-exitcode
expect_contains out "! drift .spec.replicas: 3 -> 7"
expect_exit 0 pave deploy -e dev --yes
expect_contains deploy/dev/shop-dev/deployment.apps-shop.yaml "replicas: 3"

# History and rollback to revision 1 (replicas back to the chart default).
expect_exit 0 pave history -e dev
expect_contains out "deploy"
expect_exit 0 pave rollback 1 -e dev
expect_not_contains deploy/dev/shop-dev/deployment.apps-shop.yaml "replicas: 3"

# Remove the app from pave.toml: its objects are pruned, files pave never wrote stay.
echo "keep: me" > deploy/dev/shop-dev/handwritten.yaml
sed -i '/^\[apps.shop\]/,$d' pave.toml
expect_exit 0 pave plan -e dev
expect_contains out "- Deployment shop-dev/shop"
expect_exit 0 pave deploy -e dev --yes
[ ! -e deploy/dev/shop-dev/deployment.apps-shop.yaml ] || fail "deployment file not pruned"
expect_file deploy/dev/shop-dev/handwritten.yaml
