#!/bin/bash
# Cloud resources of pave.toml through plan -> deploy -> read back with the
# AWS CLI -> drift (changed with the AWS CLI) -> change -> delete, for every
# kind: S3 bucket, hosted zone, record sets (failover with a health check,
# weighted), health check, Auto Scaling group capacity.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start

awsm autoscaling create-launch-configuration --launch-configuration-name lc --image-id ami-12c6146b \
  --instance-type t2.micro
awsm autoscaling create-auto-scaling-group --auto-scaling-group-name workers --launch-configuration-name lc \
  --min-size 1 --max-size 3 --desired-capacity 1 --availability-zones us-east-1a

write_toml() { # $1: ttl, $2: extra TOML
  cat > pave.toml <<TOML
[project]
name = "shop"
[environments.dev]
region = "us-east-1"
endpoint_url = "$MOTO_URL"

[cloud.s3_buckets.assets]
name = "shop-assets-{env}"
versioning = true
encryption = "AES256"
public_access_block = true
tags = { team = "web" }
[[cloud.s3_buckets.assets.lifecycle]]
id = "logs"
prefix = "logs/"
expiration_days = 30

[cloud.hosted_zones.main]
name = "example.com"
comment = "shop"

[cloud.health_checks.web]
type = "HTTP"
ip_address = "192.0.2.10"
port = 80
path = "/healthz"
request_interval = 30
failure_threshold = 3

[cloud.records.www-primary]
zone = "example.com"
name = "www.example.com"
type = "A"
ttl = $1
values = ["192.0.2.10"]
set_id = "primary"
failover = "PRIMARY"
health_check = "web"

[cloud.records.www-secondary]
zone = "example.com"
name = "www.example.com"
type = "A"
ttl = $1
values = ["192.0.2.20"]
set_id = "secondary"
failover = "SECONDARY"

[cloud.records.api-blue]
zone = "example.com"
name = "api.example.com"
type = "CNAME"
ttl = 60
values = ["blue.example.com"]
set_id = "blue"
weight = 90

[cloud.autoscaling.workers]
min = 1
max = 5
desired = 2
${2:-}
TOML
}

write_toml 60
expect_exit 0 pave validate
expect_exit 0 pave plan -e dev
expect_contains out "Plan: 6 to add, 1 to change, 0 to destroy."
expect_contains out "~ .spec.max: 3 -> 5"
expect_exit 0 pave deploy -e dev --yes
expect_not_contains err "failed"
expect_exit 0 pave plan -e dev
expect_contains out "No changes."

# The AWS CLI reads back what pave wrote.
zone=$(awsm route53 list-hosted-zones-by-name --dns-name example.com --query 'HostedZones[0].Id' --output text)
awsm route53 list-resource-record-sets --hosted-zone-id "$zone" > records.json
expect_json records.json 'sorted((r["Name"], r.get("SetIdentifier"), r.get("Failover"), r.get("Weight")) for r in d["ResourceRecordSets"] if r["Type"] in ("A", "CNAME")) == [("api.example.com.", "blue", None, 90), ("www.example.com.", "primary", "PRIMARY", None), ("www.example.com.", "secondary", "SECONDARY", None)]'
awsm route53 list-health-checks > hc.json
expect_json hc.json 'len(d["HealthChecks"]) == 1 and d["HealthChecks"][0]["HealthCheckConfig"]["ResourcePath"] == "/healthz"'
hc=$(python3 -c 'import json; print(json.load(open("hc.json"))["HealthChecks"][0]["Id"])')
expect_json records.json "[r for r in d['ResourceRecordSets'] if r.get('Failover') == 'PRIMARY'][0]['HealthCheckId'] == '$hc'"
awsm s3api get-bucket-versioning --bucket shop-assets-dev | grep -q Enabled
awsm s3api get-bucket-tagging --bucket shop-assets-dev > tags.json
expect_json tags.json '{t["Key"]: t["Value"] for t in d["TagSet"]} == {"team": "web", "pave.dev/environment": "dev"}'
awsm s3api get-bucket-lifecycle-configuration --bucket shop-assets-dev > lc.json
expect_json lc.json 'd["Rules"][0]["Expiration"]["Days"] == 30'
[ "$(awsm autoscaling describe-auto-scaling-groups --auto-scaling-group-names workers \
     --query 'AutoScalingGroups[0].[MinSize,MaxSize,DesiredCapacity]' --output text)" = "$(printf '1\t5\t2')" ]

# Drift: changed with the AWS CLI; plan shows it and deploy puts it back.
awsm s3api put-bucket-versioning --bucket shop-assets-dev --versioning-configuration Status=Suspended
awsm autoscaling set-desired-capacity --auto-scaling-group-name workers --desired-capacity 3
expect_exit 0 pave plan -e dev
expect_contains out "! drift .spec.versioning: true -> false"
expect_contains out "! drift .spec.desired: 2 -> 3"
expect_contains out "Plan: 0 to add, 2 to change, 0 to destroy."
expect_exit 0 pave deploy -e dev --yes
expect_exit 0 pave plan -e dev
expect_contains out "No changes."

# A change in pave.toml: an update of the two failover records.
write_toml 120
expect_exit 0 pave plan -e dev
expect_contains out "~ .spec.ttl: 60 -> 120"
expect_contains out "Plan: 0 to add, 2 to change, 0 to destroy."
expect_exit 0 pave deploy -e dev --yes
awsm route53 list-resource-record-sets --hosted-zone-id "$zone" > records.json
expect_json records.json 'all(r["TTL"] == 120 for r in d["ResourceRecordSets"] if r["Name"] == "www.example.com.")'

# An immutable field: a health check's type forces replacement.
sed -i 's/^type = "HTTP"$/type = "TCP"/' pave.toml
expect_exit 0 pave plan -e dev
expect_contains out "Route53HealthCheck web"
expect_contains out "1 to replace"
write_toml 120

# Delete: everything but the zone, bucket holding an object refused without --force.
awsm s3 cp pave.toml s3://shop-assets-dev/logs/pave.toml >/dev/null
cat > pave.toml <<TOML
[project]
name = "shop"
[environments.dev]
region = "us-east-1"
endpoint_url = "$MOTO_URL"
TOML
expect_exit 0 pave plan -e dev
expect_contains out "Plan: 0 to add, 0 to change, 7 to destroy."
expect_exit 1 pave deploy -e dev --yes
expect_contains err "refusing to delete a bucket that holds 1 object(s) or version(s)"
awsm route53 list-health-checks --query 'length(HealthChecks)' --output text | grep -qx 0
expect_exit 0 pave deploy -e dev --yes --force
awsm s3api head-bucket --bucket shop-assets-dev 2>/dev/null && fail "bucket not deleted"
[ "$(awsm route53 list-hosted-zones --query 'length(HostedZones)' --output text)" = 0 ] || fail "zone not deleted"
# The group itself is not pave's: its capacity is only forgotten.
awsm autoscaling describe-auto-scaling-groups --auto-scaling-group-names workers --query 'AutoScalingGroups[0].AutoScalingGroupName' --output text | grep -qx workers
expect_exit 0 pave plan -e dev
expect_contains out "No changes."
