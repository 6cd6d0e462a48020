#!/bin/bash
# cost-report --refresh-prices against a local Price List API fixture
# (tests/cost/pricing_fixture.py: GetProducts, JSON 1.1, SigV4 for
# "pricing", NextToken pages of two): the cache is written with the fetched
# prices, source and date; estimates use it; new sizes of known families are
# added; other families and Windows prices are ignored; the built-in catalog
# stays in force without a cache.
source "$(dirname "$0")/common.sh"
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY
export AWS_CONFIG_FILE=$t/aws-config AWS_SHARED_CREDENTIALS_FILE=$t/aws-credentials AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_REGION AWS_DEFAULT_REGION 2>/dev/null || true
: > "$AWS_CONFIG_FILE"; : > "$AWS_SHARED_CREDENTIALS_FILE"

product() { # $1 family, $2 region, $3 type/volume, $4 unit, $5 USD, [$6 os]
  local attrs
  if [ "$1" = "Compute Instance" ]; then
    attrs="\"instanceType\": \"$3\", \"regionCode\": \"$2\", \"operatingSystem\": \"${6:-Linux}\", \"tenancy\": \"Shared\", \"preInstalledSw\": \"NA\", \"capacitystatus\": \"Used\", \"vcpu\": \"96\", \"memory\": \"384 GiB\""
  else
    attrs="\"volumeApiName\": \"$3\", \"regionCode\": \"$2\""
  fi
  printf '{"product": {"sku": "SKU-%s-%s-%s", "productFamily": "%s", "attributes": {%s}},' "$2" "$3" "${6:-Linux}" "$1" "$attrs"
  printf ' "terms": {"OnDemand": {"T1": {"priceDimensions": {"D1": {"unit": "%s", "beginRange": "0", "endRange": "Inf", "pricePerUnit": {"USD": "%s"}}}}}}}' "$4" "$5"
}
mkdir fixture
{
  echo "["
  product "Compute Instance" us-east-1 m5.large Hrs 0.1000000000; echo ","
  product "Compute Instance" us-east-1 m5.metal Hrs 4.6080000000; echo ","
  product "Compute Instance" us-east-1 m5.large Hrs 0.1880000000 Windows; echo ","
  product "Compute Instance" us-east-1 x2idn.large Hrs 0.8; echo ","
  product "Compute Instance" eu-west-1 m5.large Hrs 0.1110000000; echo ","
  product "Storage" us-east-1 gp3 GB-Mo 0.0900000000; echo ","
  product "Storage" us-east-1 io2 GB-Mo 0.1250000000
  echo "]"
} > fixture/products.json
python3 "$SOURCE_DIR/tests/cost/pricing_fixture.py" fixture &
fixture_pid=$!
trap 'kill $fixture_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -f fixture/port ] && break; sleep 0.1; done
export AWS_ENDPOINT_URL_PRICING=http://127.0.0.1:$(cat fixture/port)

mkdir -p charts/api/templates
printf 'apiVersion: v2\nname: api\nversion: 1.0.0\n' > charts/api/Chart.yaml
cat > charts/api/templates/d.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: x, resources: {requests: {cpu: "2", memory: 8Gi}}}]
YAML
cat > pave.toml <<'TOML'
[project]
name = "api"
[environments.prod]
target = "directory"
directory = "deploy/prod"
region = "us-east-1"
[apps.api]
chart = "charts/api"
[cost]
price_cache = "prices/aws.json"
TOML

# Built-in prices: a whole m5.large (2 vCPU + 8 GiB) for 730 h = 730 x 0.096 = $70.08.
expect_exit 0 pave cost-report -e prod --format json
expect_json out 'd["monthly"] == 70.08 and d["catalog"]["effective_date"] == "2024-06-01"'

expect_exit 0 pave cost-report -e prod --refresh-prices --format json
expect_contains err "pave: refreshed 3 instance and 2 volume prices"
expect_contains err "prices/aws.json"
# Fetched m5.large $0.100: 730 x 0.1 = $73.00.
expect_json out 'd["monthly"] == 73.0 and d["catalog"]["source"].startswith("AWS Price List Query API (GetProducts")'
expect_file prices/aws.json
expect_json prices/aws.json 'd["regions"]["us-east-1"]["ec2"]["m5.large"] == 0.1 and d["regions"]["eu-west-1"]["ec2"]["m5.large"] == 0.111'
expect_json prices/aws.json 'd["instance_types"]["m5.metal"] == {"vcpu": 96, "memory_gib": 384} and "x2idn.large" not in d["instance_types"]'
expect_json prices/aws.json 'd["regions"]["us-east-1"]["ebs"]["gp3"]["gb_month"] == 0.09 and d["regions"]["us-east-1"]["s3"]["standard_gb_month"] == 0.023'
expect_json prices/aws.json 'd["regions"]["eu-central-1"]["ec2"]["m5.large"] == 0.115'   # not returned: kept
# Every region of the catalog was asked for, twice (instances, volumes), and the
# 3 us-east-1 Linux compute products came on two pages (NextToken followed).
[ "$(grep -c 'AWSPriceListService.GetProducts' fixture/requests.log)" -eq 11 ] || { cat fixture/requests.log; fail "expected 11 requests"; }
expect_contains fixture/requests.log '"NextToken":"2"'
expect_contains fixture/requests.log '{"Field":"regionCode","Type":"TERM_MATCH","Value":"ap-southeast-1"}'

# The cache stays in use on later runs; a corrupt cache is one line naming it.
expect_exit 0 pave cost-report -e prod --format json
expect_json out 'd["monthly"] == 73.0'
echo '{"format_version": 7}' > prices/aws.json
expect_exit 1 pave cost-report -e prod
expect_contains err "prices/aws.json: format_version 7 is not supported (1)"
# The Price List API's error is reported.
rm prices/aws.json
AWS_ENDPOINT_URL_PRICING=http://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') \
  AWS_MAX_ATTEMPTS=1 expect_exit 1 pave cost-report -e prod --refresh-prices
expect_contains err "pave: error: Pricing: cannot reach AWS endpoint"
[ ! -e prices/aws.json ] || fail "a failed refresh wrote the cache"
