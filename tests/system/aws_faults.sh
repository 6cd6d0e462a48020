#!/bin/bash
# Fault injection in front of moto: 500, 503, throttling, connection resets,
# stalls and lost responses. pave retries and succeeds, or fails cleanly
# after its attempts, and never duplicates a write.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start
proxy_start
export AWS_MAX_ATTEMPTS=3
aws_() { pave __aws --endpoint-url "$PROXY_URL" --timeout 3s "$@"; }
faults() { echo "$1" > "$t/faults.json"; : > "$t/proxy.log"; }

awsm s3 mb s3://fault-bucket >/dev/null
head -c 11000000 /dev/urandom > big.bin

# Transient errors and throttling on every kind of request: retried, succeeds.
faults '[{"match": "PUT /fault-bucket/big.bin\\?partNumber=1&", "faults": ["503", "reset"]},
         {"match": "PUT /fault-bucket/big.bin\\?partNumber=2&", "faults": ["slowdown", "500"]},
         {"match": "POST /fault-bucket/big.bin\\?uploadId", "faults": ["throttle"]},
         {"match": "HEAD /fault-bucket/big.bin", "faults": ["reset"]},
         {"match": "GET /fault-bucket/big.bin", "faults": ["503", "stall:5"]}]'
expect_exit 0 aws_ s3 cp big.bin s3://fault-bucket/big.bin --part-size 5
expect_exit 0 aws_ s3 cp s3://fault-bucket/big.bin down.bin --part-size 5
cmp big.bin down.bin
expect_contains "$t/proxy.log" "partNumber=1&"
grep -q "stall:5" "$t/proxy.log" || fail "the stall was not injected"
[ "$(grep -c ' reset$' "$t/proxy.log")" -eq 2 ] || fail "expected 2 resets"

# Persistent failure: 3 attempts, then a clean one-line error, and the
# multipart upload is aborted (no parts left behind).
faults '[{"match": "PUT /fault-bucket/big2.bin\\?partNumber=2&", "faults": ["503", "503", "503"]}]'
expect_exit 1 aws_ s3 cp big.bin s3://fault-bucket/big2.bin --part-size 5
expect_contains err "s3 UploadPart: ServiceUnavailable"
expect_lines err 1
[ "$(grep -c 'partNumber=2&.* 503' "$t/proxy.log")" -eq 3 ] || fail "expected 3 attempts"
expect_contains "$t/proxy.log" "DELETE /fault-bucket/big2.bin?uploadId="
[ "$(awsm s3api list-multipart-uploads --bucket fault-bucket --query 'length(Uploads || `[]`)' --output text)" = 0 ] ||
  fail "multipart upload not aborted"

# Lost responses on writes (the write happened, the answer did not arrive):
# the retry must not duplicate it. Route 53 zone and health check creation
# carry a CallerReference; record changes are UPSERTs.
cat > pave.toml <<TOML
[project]
name = "faults"
[environments.dev]
region = "us-east-1"
endpoint_url = "$PROXY_URL"
[cloud.hosted_zones.main]
name = "example.org"
[cloud.health_checks.web]
type = "TCP"
ip_address = "192.0.2.1"
port = 443
[cloud.records.www]
zone = "example.org"
name = "www.example.org"
type = "A"
values = ["192.0.2.1"]
TOML
faults '[{"match": "POST /2013-04-01/hostedzone$", "faults": ["lost:500"]},
         {"match": "POST /2013-04-01/healthcheck$", "faults": ["lost:503"]},
         {"match": "POST /2013-04-01/hostedzone/[^/]+/rrset", "faults": ["lost:500", "throttle"]},
         {"match": "GET /2013-04-01/change/", "faults": ["reset"]}]'
expect_exit 0 pave deploy -e dev --yes
expect_not_contains err "failed"
expect_contains "$t/proxy.log" "lost:500 (upstream 201)"
[ "$(awsm route53 list-hosted-zones-by-name --dns-name example.org --query 'length(HostedZones[?Name==`example.org.`])' --output text)" = 1 ] ||
  fail "hosted zone duplicated"
[ "$(awsm route53 list-health-checks --query 'length(HealthChecks)' --output text)" = 1 ] || fail "health check duplicated"
expect_exit 0 pave plan -e dev
expect_contains out "No changes."
