#!/usr/bin/env bash
# A standby site with an Auto Scaling group (moto) and Route 53 weighted
# routing: status reports the group's capacity; failover raises the group's
# DesiredCapacity (and MaxSize) to desired_capacity, waits for its instances
# to be InService, and moves the weight to the secondary's record.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"

failover_sites
moto_start
trap _failover_fixture_stop EXIT
awsm autoscaling create-launch-configuration --launch-configuration-name lc --image-id ami-12c6146b \
  --instance-type t2.micro
awsm autoscaling create-auto-scaling-group --auto-scaling-group-name asg-b --launch-configuration-name lc \
  --min-size 0 --max-size 1 --desired-capacity 0 --availability-zones us-east-1a
zone_id=$(awsm route53 create-hosted-zone --name example.com --caller-reference t1 --query 'HostedZone.Id' --output text)
zone_id=${zone_id##*/}
cat > batch.json <<JSON
{"Changes":[
 {"Action":"CREATE","ResourceRecordSet":{"Name":"app.example.com.","Type":"A","SetIdentifier":"primary","Weight":100,"TTL":30,"ResourceRecords":[{"Value":"$PRIMARY_IP"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"app.example.com.","Type":"A","SetIdentifier":"secondary","Weight":0,"TTL":30,"ResourceRecords":[{"Value":"$SECONDARY_IP"}]}}]}
JSON
awsm route53 change-resource-record-sets --hosted-zone-id "$zone_id" --change-batch file://batch.json >/dev/null
failover_project route53
sed -i 's/^routing = "failover"/routing = "weighted"/' pave.toml
sed -i '/^namespace = "site-b"/a autoscaling_group = "asg-b"\ndesired_capacity = 2' pave.toml

weights() {
  awsm route53 list-resource-record-sets --hosted-zone-id "$zone_id" --output json > rr.json
  python3 -c '
import json
d = json.load(open("rr.json"))
rs = [r for r in d["ResourceRecordSets"] if r["Name"] == "app.example.com." and r["Type"] == "A"]
print(" ".join(sorted("%s=%s:%d" % (r["SetIdentifier"], r["ResourceRecords"][0]["Value"], r["Weight"]) for r in rs)))'
}

expect_exit 0 pave failover status -e prod --output json
expect_json out 'd["sites"][1]["capacity"] == "web 0/0 ready, asg-b 0/0 in service"'
expect_json out 'd["provider_answer"] == ["'$PRIMARY_IP'"]'

site_health primary down
expect_exit 0 pave failover -e prod --to secondary
expect_contains err "group asg-b desired 0 -> 2"
expect_contains err "asg-b 2/2 in service"
awsm autoscaling describe-auto-scaling-groups --auto-scaling-group-names asg-b --output json > asg.json
expect_json asg.json 'd["AutoScalingGroups"][0]["DesiredCapacity"] == 2 and d["AutoScalingGroups"][0]["MaxSize"] == 2'
[ "$(weights)" = "primary=$PRIMARY_IP:0 secondary=$SECONDARY_IP:100" ] || fail "weights after failover: $(weights)"
expect_exit 5 pave failover status -e prod --output json
expect_json out 'd["provider_answer"] == ["'$SECONDARY_IP'"] and d["active"] == "secondary"'
expect_json out 'any(o.startswith("secondary (standby)") or o.startswith("primary (standby)") for o in d["out_of_bounds"])'

# Failback moves the weight back.
site_health primary up
expect_exit 0 pave failback -e prod
[ "$(weights)" = "primary=$PRIMARY_IP:100 secondary=$SECONDARY_IP:0" ] || fail "weights after failback: $(weights)"
