#!/usr/bin/env bash
# Route 53 with credentials the service refuses (moto with IAM auth): the
# failover stops at step 1 naming the AWS error, and nothing changes (the
# standby is not scaled, the record keeps its value, no journal is left).
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"

failover_sites
moto_start auth
trap _failover_fixture_stop EXIT
zone_id=$(awsm route53 create-hosted-zone --name example.com --caller-reference t1 --query 'HostedZone.Id' --output text)
zone_id=${zone_id##*/}
awsm route53 change-resource-record-sets --hosted-zone-id "$zone_id" --change-batch \
  '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"app.example.com.","Type":"A","TTL":30,"ResourceRecords":[{"Value":"'$PRIMARY_IP'"}]}}]}' >/dev/null
failover_project route53
sed -i 's/^routing = "failover"/routing = "simple"/' pave.toml
site_health primary down

AWS_SECRET_ACCESS_KEY=wrong expect_exit 1 pave failover -e prod --to secondary
expect_contains err "pave: error: step 1 (confirm primary is unhealthy) failed: Route 53: route53 ListHostedZonesByName: SignatureDoesNotMatch"
AWS_ACCESS_KEY_ID=AKIAWRONGWRONGWRONG1 expect_exit 1 pave failover -e prod --to secondary
expect_contains err "InvalidClientTokenId"
[ "$(site_replicas site-b)" = 0 ] || fail "the standby was scaled"
pave failover status -e prod --output json > st.json || true
expect_json st.json 'd["provider_answer"] == ["'$PRIMARY_IP'"]'
[ ! -e .pave/failover/prod.journal.json ] || fail "a journal was left"

# With the right credentials the same run goes through.
expect_exit 0 pave failover -e prod --to secondary
pave failover status -e prod --output json > st.json || true
expect_json st.json 'd["provider_answer"] == ["'$SECONDARY_IP'"]'
