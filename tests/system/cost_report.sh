#!/bin/bash
# pave plan, then pave cost-report, on the fleet chart (1,500 Deployments with
# requests) plus cloud resources on moto: the plan's cost change line by line,
# the desired and recorded estimates agree with an independent computation
# from the chart's values, a second plan shows only what changes, and budgets
# (--budget and [cost.budgets]) exit 3 naming the overshoot.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
fleet=$SHARED_DIR/bench/fleet
[ -d "$fleet" ] || skip "the fleet chart is not in $SHARED_DIR/bench"
moto_start
awsm autoscaling create-launch-configuration --launch-configuration-name lc --image-id ami-12c6146b \
  --instance-type m5.large
awsm autoscaling create-auto-scaling-group --auto-scaling-group-name workers --launch-configuration-name lc \
  --min-size 2 --max-size 6 --desired-capacity 3 --availability-zones us-east-1a

write_toml() { # $1: ASG desired capacity
  cat > pave.toml <<TOML
[project]
name = "fleet"
[environments.prod]
target = "directory"
directory = "deploy/prod"
namespace = "fleet"
region = "us-east-1"
endpoint_url = "$MOTO_URL"
[apps.fleet]
chart = "$fleet"
[apps.extras]
chart = "charts/extras"

[cloud.s3_buckets.assets]
name = "fleet-assets-{env}"
[cloud.hosted_zones.main]
name = "example.com"
[cloud.health_checks.web]
type = "HTTPS"
fqdn = "origin.example.com"
port = 443
[cloud.autoscaling.workers]
group = "workers"
min = 2
max = 6
desired = $1

[cost]
usage_file = "usage.yml"
TOML
}
# Kinds that cost nothing by themselves, beside the fleet: counted as free
# from the desired state and from the recorded one (where their records are
# not even decoded: cost-report knows their kind from the address).
mkdir -p charts/extras/templates
printf 'apiVersion: v2\nname: extras\nversion: 1.0.0\n' > charts/extras/Chart.yaml
cat > charts/extras/templates/free.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: Secret
metadata: {name: token}
stringData: {token: abc}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: absent}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: absent}
  minReplicas: 2
  maxReplicas: 4
YAML
write_toml 3
cat > usage.yml <<'YAML'
version: 0.1
resource_usage:
  S3Bucket/fleet-assets-prod:
    storage_gb: 1000
    monthly_put_requests: 1000000
    monthly_get_requests: 10000000
  Route53HostedZone/*:
    monthly_queries: 5000000
  AutoScalingGroupCapacity/workers:
    instance_type: m5.large
YAML
expect_exit 0 pave validate

# The Deployments' cost computed here from the chart's values, independently:
# replicas x 730 h x (cpu x c + memory_GiB x g), m5.large us-east-1 $0.096,
# 2 vCPU + 8 GiB, c = 7.46 g.
python3 - "$fleet/values.yaml" > expected_fleet <<'PY'
import sys, yaml
g = 0.096 / (2 * 7.46 + 8); c = 7.46 * g
def q(s):
    s = str(s)
    if s.endswith("m"): return float(s[:-1]) / 1000
    if s.endswith("Mi"): return float(s[:-2]) / 1024
    if s.endswith("Gi"): return float(s[:-2])
    return float(s)
total = sum(s["replicas"] * 730 * (q(s["resources"]["requests"]["cpu"]) * c + q(s["resources"]["requests"]["memory"]) * g)
            for s in yaml.safe_load(open(sys.argv[1]))["services"])
print(round(total, 2))
PY
fleet_total=$(cat expected_fleet)
# Cloud: S3 23 + 5 + 4 = 32.00; zone 0.50 + 5 x 0.40 = 2.50; HTTPS health check
# 0.75 + 2.00 = 2.75; ASG 3 x 730 x 0.096 = 210.24 (max 6: 420.48).
cloud_total=247.49

# Plan (nothing deployed yet): everything is created but the group, which
# already runs with that capacity (a no-op for the plan: it costs the same
# before and after, so it is no line of the change).
expect_exit 0 pave plan -e prod --out prod.plan
expect_exit 0 pave cost-report --plan prod.plan --format json
expect_json out 'd["source"] == "plan" and d["diff"]["monthly_before"] == 210.24'
expect_json out "abs(d['diff']['monthly_after'] - ($fleet_total + $cloud_total)) < 0.02"
expect_json out 'len(d["diff"]["lines"]) == 1503 and {l["action"] for l in d["diff"]["lines"]} == {"create"}'
expect_json out '[l["monthly_delta"] for l in d["diff"]["lines"] if l["kind"] == "S3Bucket"] == [32.0]'
expect_json out 'd["warnings"] == []'
expect_exit 0 pave cost-report --plan prod.plan
expect_contains out "Monthly cost change for prod: +\$"
expect_contains out "create  S3Bucket fleet-assets-prod"

# The desired state of the environment prices the same.
expect_exit 0 pave cost-report -e prod --format json --group-by tag:team
expect_json out "abs(d['monthly'] - ($fleet_total + $cloud_total)) < 0.02"
expect_json out 'd["environments"][0]["priced_resources"] == 1504 and d["environments"][0]["region"] == "us-east-1"'
free=$(python3 -c 'import json; print(json.load(open("out"))["environments"][0]["unpriced_resources"])')
[ "$free" -ge 3 ] || fail "the ConfigMap, Secret and HPA are not counted as free ($free)"
teams=$(python3 -c 'import sys, yaml; print(len({s["labels"]["team"] for s in yaml.safe_load(open(sys.argv[1]))["services"]}))' "$fleet/values.yaml")
expect_json out "len(d['groups']) == $teams + 1 and d['groups'][-1] == {'key': '(none)', 'resources': 4, 'monthly': $cloud_total, 'monthly_max': 457.73}"
expect_json out "abs(d['monthly_max'] - d['monthly'] - 210.24) < 0.01"

# Deploy, then the recorded state prices the same as the desired state.
# (Not `deploy --plan prod.plan`: a plan made before the first deploy is
# refused as stale on main, its lineage being made up; reported to the lead.)
expect_exit 0 pave deploy -e prod --yes
expect_exit 0 pave cost-report -e prod --state --format json
expect_json out "abs(d['monthly'] - ($fleet_total + $cloud_total)) < 0.02 and d['source'] == 'state'"
expect_json out "d['environments'][0]['priced_resources'] == 1504 and d['environments'][0]['unpriced_resources'] == $free"

# A change: 2 more instances in the group = 2 x 730 x 0.096 = +$140.16, one line.
write_toml 5
expect_exit 0 pave plan -e prod --out prod2.plan
expect_exit 0 pave cost-report --plan prod2.plan --format json
expect_json out 'len(d["diff"]["lines"]) == 1 and d["diff"]["lines"][0]["action"] == "update"'
expect_json out 'd["diff"]["lines"][0]["monthly_delta"] == 140.16 and d["diff"]["monthly_delta"] == 140.16'
expect_exit 0 pave cost-report --plan prod2.plan --format csv
expect_lines out 2
expect_contains out "prod,update,k8s:aws.pave.dev/v1/AutoScalingGroupCapacity//workers,AutoScalingGroupCapacity,,workers,,210.24,350.40,140.16"

# Budgets: --budget, then [cost.budgets]; exit 3 naming the overshoot.
expect_exit 3 pave cost-report -e prod --budget 1000
expect_contains err "pave: error: budget exceeded: prod estimate is \$"
expect_contains err "over its budget of \$1,000.00 (--budget)"
expect_contains out "EXCEEDED by"
expect_exit 0 pave cost-report -e prod --budget 1000000
printf '[cost.budgets]\nprod = 100\n' >> pave.toml
expect_exit 3 pave cost-report --plan prod2.plan
expect_contains err "budget exceeded: prod plan is \$"
expect_contains err "over its budget of \$100.00 (pave.toml [cost.budgets])"

# Bad input: one line naming the file and key, exit 1.
printf '[cost.budgets]\nprdo = 100\n' > extra.toml
sed -i 's/^prod = 100$/prdo = 100/' pave.toml
expect_exit 1 pave cost-report -e prod
expect_contains err 'pave: error: pave.toml: [cost] budgets.prdo: no environment "prdo" in pave.toml'
sed -i 's/^prdo = 100$/prod = 100/; s/^usage_file = .*/usage_file = "usage.yml"\nnode_typ = "m5.large"/' pave.toml
expect_exit 1 pave cost-report -e prod
expect_contains err 'pave: error: pave.toml: [cost] unknown key "node_typ" (did you mean "node_type"?)'
expect_exit 1 pave validate
expect_contains err 'pave: pave.toml: error: [cost] unknown key "node_typ" (did you mean "node_type"?)'
sed -i '/^node_typ/d' pave.toml
printf '  S3Bucket/x:\n    storage: 1\n' >> usage.yml
expect_exit 1 pave cost-report -e prod
expect_contains err 'pave: error: usage.yml: resource_usage.S3Bucket/x: unknown key "storage"'
expect_exit 1 pave validate
expect_contains err 'pave: usage.yml: error: resource_usage.S3Bucket/x: unknown key "storage"'
