#!/bin/bash
# cost-report --actual: actual spend from Cost Explorer (GetCostAndUsage,
# JSON 1.1) on moto, results injected through moto's API; pagination
# (NextPageToken) followed, grouped by service and by tag, compared with the
# estimate in the JSON and HTML views.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start

cat > pave.toml <<TOML
[project]
name = "shop"
[environments.prod]
target = "directory"
directory = "deploy/prod"
region = "us-east-1"
endpoint_url = "$MOTO_URL"
[cloud.hosted_zones.main]
name = "example.com"
TOML

# Two pages grouped by service (the first with a NextPageToken), then one
# page grouped by tag. moto hands out queued results in order, one per
# distinct request.
period() { # $1 start, $2 end, $3 groups JSON
  printf '{"TimePeriod": {"Start": "%s", "End": "%s"}, "Total": {}, "Groups": %s, "Estimated": false}' "$1" "$2" "$3"
}
group() { printf '{"Keys": ["%s"], "Metrics": {"UnblendedCost": {"Amount": "%s", "Unit": "USD"}}}' "$1" "$2"; }
page1="{\"ResultsByTime\": [$(period 2024-01-01 2024-02-01 "[$(group 'Amazon Elastic Compute Cloud - Compute' 120.50), $(group 'Amazon Simple Storage Service' 10.25)]")], \"NextPageToken\": \"page-2\", \"DimensionValueAttributes\": []}"
page2="{\"ResultsByTime\": [$(period 2024-02-01 2024-03-01 "[$(group 'Amazon Elastic Compute Cloud - Compute' 99.50), $(group 'Amazon Route 53' 0.75)]")], \"DimensionValueAttributes\": []}"
page3="{\"ResultsByTime\": [$(period 2024-01-01 2024-03-01 "[$(group 'team$web' 200), $(group 'team$' 31)]")], \"DimensionValueAttributes\": []}"
curl -sf -X POST "$MOTO_URL/moto-api/static/ce/cost-and-usage-results" -H 'Content-Type: application/json' \
  -d "{\"results\": [$page1, $page2, $page3]}" >/dev/null

expect_exit 0 pave cost-report -e prod --actual --actual-start 2024-01-01 --actual-end 2024-03-01 --format json
expect_json out 'd["actual"]["pages"] == 2 and d["actual"]["total"] == 231.0 and d["actual"]["granularity"] == "MONTHLY"'
expect_json out 'd["actual"]["groups"][0] == {"key": "Amazon Elastic Compute Cloud - Compute", "amount": 220.0}'
expect_json out '[p["amount"] for p in d["actual"]["periods"]] == [130.75, 100.25]'
expect_json out 'd["monthly"] == 0.5'   # the hosted zone

expect_exit 0 pave cost-report -e prod --actual --actual-start 2024-01-01 --actual-end 2024-03-01 \
  --actual-group-by tag:team --format json
expect_json out 'd["actual"]["pages"] == 1 and d["actual"]["groups"] == [{"key": "web", "amount": 200.0}, {"key": "(untagged)", "amount": 31.0}]'

# The table view names the period and the groups.
expect_exit 0 pave cost-report -e prod --actual --actual-start 2024-01-01 --actual-end 2024-03-01
expect_contains out "Actual spend 2024-01-01 to 2024-03-01 (UnblendedCost, MONTHLY): \$231.00"
expect_contains out "Amazon Elastic Compute Cloud - Compute  \$220.00"

# A bad period is refused before anything is sent.
expect_exit 1 pave cost-report -e prod --actual --actual-start 2024-03-01 --actual-end 2024-01-01
expect_contains err "pave: error: Cost Explorer: the period must be two dates YYYY-MM-DD, start before end (got 2024-03-01 to 2024-01-01)"
# An unreachable endpoint is one line naming it.
sed -i "s|^endpoint_url = .*|endpoint_url = \"http://127.0.0.1:$(free_port)\"|" pave.toml
AWS_MAX_ATTEMPTS=1 expect_exit 1 pave cost-report -e prod --actual
expect_contains err "pave: error: Cost Explorer: cannot reach AWS endpoint"
