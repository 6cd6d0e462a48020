#!/usr/bin/env bash
# pave failover with Route 53 (moto) and failover routing: one PRIMARY and
# one SECONDARY record, swapped in one change batch (never two PRIMARY),
# waited on until INSYNC; failback swaps them back; an unknown zone and an
# unreachable endpoint fail at step 1 with nothing changed.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"

failover_sites
moto_start
trap _failover_fixture_stop EXIT
zone_id=$(awsm route53 create-hosted-zone --name example.com --caller-reference t1 --query 'HostedZone.Id' --output text)
zone_id=${zone_id##*/}
cat > batch.json <<JSON
{"Changes":[
 {"Action":"CREATE","ResourceRecordSet":{"Name":"app.example.com.","Type":"A","SetIdentifier":"primary","Failover":"PRIMARY","TTL":30,"ResourceRecords":[{"Value":"$PRIMARY_IP"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"app.example.com.","Type":"A","SetIdentifier":"secondary","Failover":"SECONDARY","TTL":30,"ResourceRecords":[{"Value":"$SECONDARY_IP"}]}}]}
JSON
awsm route53 change-resource-record-sets --hosted-zone-id "$zone_id" --change-batch file://batch.json >/dev/null
failover_project route53

records() {
  awsm route53 list-resource-record-sets --hosted-zone-id "$zone_id" --output json > rr.json
  python3 -c '
import json, sys
d = json.load(open("rr.json"))
rs = [r for r in d["ResourceRecordSets"] if r["Name"] == "app.example.com." and r["Type"] == "A"]
print(" ".join(sorted(r["Failover"] + "=" + r["ResourceRecords"][0]["Value"] for r in rs)))'
}
[ "$(records)" = "PRIMARY=$PRIMARY_IP SECONDARY=$SECONDARY_IP" ] || fail "set-up: $(records)"

expect_exit 0 pave failover status -e prod --output json
expect_json out 'd["provider_answer"] == ["'$PRIMARY_IP'"] and d["out_of_bounds"] == []'

# The dry run shows the XML in the API reference's element order.
expect_exit 0 pave failover -e prod --to secondary --dry-run
expect_contains out "POST $MOTO_URL/2013-04-01/hostedzone/$zone_id/rrset/"
expect_contains out "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.com.</Name><Type>A</Type><SetIdentifier>primary</SetIdentifier><Failover>PRIMARY</Failover><TTL>30</TTL><ResourceRecords><ResourceRecord><Value>$SECONDARY_IP</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>"

site_health primary down
expect_exit 0 pave failover -e prod --to secondary
expect_contains err "change"
expect_contains err "INSYNC"
expect_contains out "RTO: "
[ "$(records)" = "PRIMARY=$SECONDARY_IP SECONDARY=$PRIMARY_IP" ] || fail "after failover: $(records)"
grep '^  [1-6]\. \|^RTO' "$t/out"

site_health primary up
expect_exit 0 pave failback -e prod
[ "$(records)" = "PRIMARY=$PRIMARY_IP SECONDARY=$SECONDARY_IP" ] || fail "after failback: $(records)"
pave state pull -e prod > st.json
expect_json st.json '[e["operation"] for e in d["sections"]["failover"]["events"]] == ["failover", "failback"]'

# Records made by someone else, with their own set identifiers ("eu", "us"):
# the switch UPSERTs those two records; the zone never holds two PRIMARY.
zone2=$(awsm route53 create-hosted-zone --name example.net --caller-reference t2 --query 'HostedZone.Id' --output text)
zone2=${zone2##*/}
sed 's/app.example.com./app.example.net./g; s/"SetIdentifier":"primary"/"SetIdentifier":"eu"/; s/"SetIdentifier":"secondary"/"SetIdentifier":"us"/' "$t/batch.json" > batch2.json
awsm route53 change-resource-record-sets --hosted-zone-id "$zone2" --change-batch file://batch2.json >/dev/null
failover_project route53
sed -i 's/^zone = "example.com."/zone = "example.net."/; s/^record = "app.example.com"/record = "app.example.net"/' pave.toml
expect_exit 0 pave failover -e prod --to secondary --dry-run
expect_contains out "<SetIdentifier>eu</SetIdentifier><Failover>PRIMARY</Failover>"
expect_exit 0 pave failover -e prod --to secondary --force
awsm route53 list-resource-record-sets --hosted-zone-id "$zone2" --output json > rr2.json
expect_json rr2.json 'sorted((r["SetIdentifier"], r["Failover"], r["ResourceRecords"][0]["Value"]) for r in d["ResourceRecordSets"] if r["Type"] == "A") == [("eu", "PRIMARY", "'$SECONDARY_IP'"), ("us", "SECONDARY", "'$PRIMARY_IP'")]'
expect_exit 0 pave failback -e prod --force

# Unknown zone, unreachable endpoint: step 1 fails, nothing changes.
site_health primary down
failover_project route53
sed -i 's/^zone = "example.com."/zone = "nosuch.com."/; s/^record = "app.example.com"/record = "app.nosuch.com"/' pave.toml
expect_exit 1 pave failover -e prod --to secondary
expect_contains err "Route 53: no hosted zone named nosuch.com."
failover_project route53
sed -i "s|^endpoint_url = .*|endpoint_url = \"http://127.0.0.1:$(free_port)\"|" pave.toml
AWS_MAX_ATTEMPTS=1 expect_exit 1 pave failover -e prod --to secondary
expect_contains err "cannot reach AWS endpoint"
[ "$(records)" = "PRIMARY=$PRIMARY_IP SECONDARY=$SECONDARY_IP" ] || fail "a failed run changed the records: $(records)"
[ ! -e .pave/failover/prod.journal.json ] || fail "a failed run left a journal"
