#!/usr/bin/env bash
# A plan saved before an environment's first deploy applies (its lineage
# becomes the new state's), and only once: a second plan made against the
# same empty state is stale after the first one applied.
. "$(dirname "$0")/common.sh"

pave init shop --yes --name shop --env dev >/dev/null
cd shop
sed -i 's/^target = "kubernetes".*/target = "directory"\ndirectory = "deploy\/dev"/' pave.toml

expect_exit 0 pave plan -e dev --out first.plan
expect_exit 0 pave plan -e dev --out second.plan
expect_exit 0 pave deploy -e dev --plan first.plan
expect_contains out "Deployed revision 1 of dev"
expect_file deploy/dev/shop-dev/deployment.apps-shop.yaml
plan_lineage=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["state"]["lineage"])' first.plan)
expect_exit 0 pave state pull -e dev
expect_json out "d['lineage'] == '$plan_lineage' and d['serial'] == 1"

expect_exit 1 pave deploy -e dev --plan second.plan
expect_contains err "plan second.plan is stale: it was made against state lineage"
expect_exit 1 pave deploy -e dev --plan first.plan
expect_contains err "is stale"
