#!/usr/bin/env bash
# Runbook step 3: with restore_backup = true, failover restores the newest
# backup of the environment into the standby site's environment (here dr, the
# Kubernetes double) before switching DNS. Without the site's environment it
# is refused before anything changes.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"
failover_powerdns_bed
export PAVE_KUBECONFIG=$KUBECONFIG
export PAVE_BACKUP_KEY=$(printf '%064x' 11)
pave init "$t/starter" --yes --name shop --env prod >/dev/null
cp -r "$t/starter/charts" .
cat >> pave.toml <<'TOML'

[environments.dr]
target = "kubernetes"
context = "double"
namespace = "shop-prod"

[apps.shop]
chart = "charts/shop"

[backup]
destination = "backups"
TOML
sed -i 's/^ready_timeout = "30s"$/ready_timeout = "30s"\nrestore_backup = true/' pave.toml
sed -i 's|^directory = "out/prod"$|directory = "out/prod"\nnamespace = "shop-prod"|' pave.toml
expect_exit 0 pave deploy -e prod --yes
expect_exit 0 pave backup create -e prod -o json
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$t/out")
site_health primary down

# No environment for the secondary: refused before anything changes.
expect_exit 1 pave failover -e prod --to secondary
expect_contains err "restore_backup = true needs [failover.secondary] environment"
[ "$(site_replicas site-b)" = 0 ] || fail "the refused failover scaled the standby"
[ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "the refused failover changed DNS"

sed -i 's/^\[failover.secondary\]$/[failover.secondary]\nenvironment = "dr"/' pave.toml
expect_exit 1 kubectl --context double get deployment shop -n shop-prod
expect_exit 0 pave failover -e prod --to secondary
expect_contains err "restored backup $id into environment dr:"
expect_exit 0 kubectl --context double get deployment shop -n shop-prod
[ "$(dig_a app.example.org)" = $SECONDARY_IP ] || fail "DNS does not answer the secondary"
