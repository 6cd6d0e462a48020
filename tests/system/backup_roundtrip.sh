#!/usr/bin/env bash
# pave backup against the Kubernetes test double and moto S3: deploy ->
# backup (RPO goes from violated to ok) -> delete the namespace -> restore
# (--dry-run applies nothing) -> plan shows no changes; a second restore
# skips what exists; a restore into a mapped namespace; --restore-state.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/aws/moto.sh"
. "$SOURCE_DIR/tests/kube_double/lib.sh"
command -v kubectl >/dev/null || skip "kubectl is not installed"

moto_start
awsm s3 mb s3://pave-backups >/dev/null
kube_double_start "$t/cluster"
export PAVE_KUBECONFIG=$KUBECONFIG
k() { kubectl --context double "$@"; }

pave init shop --yes --name shop --env dev >/dev/null
cd shop
sed -i 's/^context = "dev".*/context = "double"/' pave.toml
printf '\n[backup]\ndestination = "s3://pave-backups/teams/shop"\nendpoint_url = "%s"\nrpo = "1h"\n' "$MOTO_URL" >> pave.toml
export PAVE_BACKUP_KEY=$(python3 -c 'import os; print(os.urandom(32).hex())')

# No backup yet: the RPO is violated (exit 5), and CI can tell.
expect_exit 5 pave backup list -e dev
expect_contains out "RPO dev: VIOLATED (newest backup: none"

expect_exit 0 pave deploy -e dev --yes
expect_exit 0 pave backup create -e dev -o json
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$t/out")
expect_json out 'd["counts"]["resources"] >= 3 and d["counts"]["state"] and d["counts"]["kinds"]["Deployment"] == 1'
expect_json out 'd["counts"]["kinds"]["Namespace"] == 1 and d["environment"] == "dev"'
# In the bucket: the record in clear, the archive encrypted (no object names in it).
awsm s3 cp "s3://pave-backups/teams/shop/$id/backup.json" "$t/record.json" >/dev/null
expect_json "$t/record.json" 'd["archive"]["key"] == "key" and len(d["archive"]["sha256"]) == 64'
awsm s3 cp "s3://pave-backups/teams/shop/$id/archive.pave" "$t/archive.pave" >/dev/null
head -c 7 "$t/archive.pave" | grep -q PAVEBKP || fail "archive lacks the magic"
! grep -q "shop-dev" "$t/archive.pave" || fail "the archive holds clear text"

expect_exit 0 pave backup list -e dev -o json
expect_json out 'd["backups"][0]["id"] == "'"$id"'" and d["rpo"][0]["status"] == "ok"'
expect_exit 0 pave backup verify "$id" -e dev
expect_contains out "Backup $id is intact"

# Disaster: the namespace and everything in it are deleted.
k delete namespace shop-dev >/dev/null
for _ in $(seq 100); do k get namespace shop-dev >/dev/null 2>&1 || break; sleep 0.1; done
expect_exit 1 k get deployment shop -n shop-dev
expect_exit 2 pave plan -e dev --detailed-exitcode

# The dry run verifies and plans, and applies nothing.
expect_exit 0 pave backup restore "$id" -e dev --dry-run
expect_contains out "+ Namespace shop-dev"
expect_contains out "+ Deployment shop-dev/shop"
expect_contains out "nothing was applied"
expect_exit 1 k get namespace shop-dev

expect_exit 0 pave backup restore "$id" -e dev -o json
expect_json out 'd["plan"]["summary"]["create"] >= 3 and d["plan"]["changes"][0]["kind"] == "Namespace"'
k get deployment shop -n shop-dev -o json > dep.json
expect_json dep.json 'd["spec"]["replicas"] == 1'
expect_exit 0 pave plan -e dev --detailed-exitcode
expect_contains out "No changes."

# Restoring again changes nothing: existing objects are skipped.
k scale deployment shop -n shop-dev --replicas 4 >/dev/null
expect_exit 0 pave backup restore "$id" -e dev -o json
expect_json out 'd["plan"]["summary"]["create"] == 0 and d["skipped_existing"] == 1'
k get deployment shop -n shop-dev -o json > dep.json
expect_json dep.json 'd["spec"]["replicas"] == 4'
expect_exit 0 pave backup restore "$id" -e dev --existing-resource-policy update -o json
expect_json out 'd["plan"]["summary"]["update"] == 1'
k get deployment shop -n shop-dev -o json > dep.json
expect_json dep.json 'd["spec"]["replicas"] == 1'

# A restore into a mapped namespace: a copy next to the original.
expect_exit 0 pave backup restore "$id" -e dev --namespace-mapping shop-dev:shop-copy
expect_contains out "+ Namespace shop-copy"
k get deployment shop -n shop-copy -o json > copy.json
expect_json copy.json 'd["metadata"]["namespace"] == "shop-copy" and d["spec"]["replicas"] == 1'
k get deployment shop -n shop-dev >/dev/null

# --restore-state brings back the state (a new serial, a "restore" revision).
serial=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["serial"])' .pave/state/dev.json)
rm .pave/state/dev.json
expect_exit 0 pave backup restore "$id" -e dev --restore-state
expect_contains out "The state was restored"
expect_json .pave/state/dev.json 'd["serial"] > '"$serial"
expect_exit 0 pave history -e dev
expect_contains out "state restored from backup $id"
expect_exit 0 pave plan -e dev --detailed-exitcode

# Scope flags: only the kinds asked for.
expect_exit 0 pave backup create -e dev --include-kinds Deployment --name scoped -o json
expect_json out 'd["counts"]["resources"] == 1 and d["scope"] == "managed; kinds=Deployment"'

# --all-resources: every listable kind of the namespace through discovery, not only pave's objects.
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: handmade, namespace: shop-dev}\ndata: {a: b}\n' | k apply --server-side -f - >/dev/null
expect_exit 0 pave backup create -e dev --all-resources --include-namespaces shop-dev --name everything -o json
expect_json out 'd["counts"]["kinds"].get("ConfigMap", 0) >= 2 and d["counts"]["kinds"]["Deployment"] == 1'
expect_json out 'd["counts"]["kinds"]["Namespace"] == 1 and "Event" not in d["counts"]["kinds"]'
expect_json out 'd["scope"] == "all-resources; namespaces=shop-dev"'
expect_exit 0 pave backup create -e dev --all-resources --include-namespaces shop-dev --selector app.kubernetes.io/name=shop --name labelled -o json
expect_json out 'd["counts"]["kinds"]["Deployment"] == 1 and d["counts"]["kinds"].get("ConfigMap", 0) <= 1'
k delete configmap handmade -n shop-dev >/dev/null
expect_exit 0 pave backup restore everything -e dev --include-kinds ConfigMap -o json
expect_json out 'd["plan"]["summary"]["create"] == 1'
k get configmap handmade -n shop-dev >/dev/null
