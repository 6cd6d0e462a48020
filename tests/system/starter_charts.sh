#!/bin/bash
# The built-in starter charts render with the reference renderer (helmref), and
# identically with pave render, into valid Kubernetes YAML of the expected kinds: with default values, with every
# optional resource enabled, and with each environment's values file.
source "$(dirname "$0")/common.sh"

command -v helmref >/dev/null || skip "helmref is not installed"
python3 -c 'import yaml' 2>/dev/null || skip "python3 yaml is not installed"
templates=$SOURCE_DIR/templates

# render CHART ARGS...: helmref output of CHART (STARTER_NAME -> myapp) in
# $t/out; pave render must print the same bytes.
render() {
  local chart=$1; shift
  rm -rf "$t/$chart"
  cp -r "$templates/$chart" "$t/$chart"
  grep -rlZ STARTER_NAME "$t/$chart" | xargs -0 sed -i 's/STARTER_NAME/myapp/g'
  helmref --name rel "$@" "$t/$chart" >"$t/out" 2>"$t/err" || { cat "$t/err"; fail "helmref $chart $*"; }
  pave render --name rel "$@" "$t/$chart" >"$t/out.pave" 2>"$t/err" || { cat "$t/err"; fail "pave render $chart $*"; }
  cmp -s "$t/out" "$t/out.pave" || { diff "$t/out" "$t/out.pave" | head -20; fail "pave render differs from helmref: $chart $*"; }
}

# expect_kinds KIND...: $t/out parses as YAML and holds exactly these kinds, in order
expect_kinds() {
  local got
  got=$(python3 -c 'import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
assert all(d["metadata"]["name"].startswith(("rel-myapp", "a-release-name")) for d in docs), "unexpected name"
print(" ".join(d["kind"] for d in docs))' "$t/out") || fail "output is not valid YAML"
  [ "$got" = "$*" ] || { cat "$t/out"; fail "kinds: got '$got', want '$*'"; }
}

cat >"$t/all-on.yaml" <<'YAML'
ingress:
  enabled: true
  className: nginx
  hosts: [{host: myapp.example.com, paths: [{path: /}]}]
  tls: [{secretName: myapp-tls, hosts: [myapp.example.com]}]
autoscaling: {enabled: true, minReplicas: 3, targetMemoryUtilizationPercentage: 80}
podDisruptionBudget: {enabled: true, minAvailable: "50%"}
config: {LOG_LEVEL: debug}
YAML

render web-service
expect_kinds PodDisruptionBudget ServiceAccount Service Deployment Pod
expect_contains out 'image: "nginxinc/nginx-unprivileged:'
expect_contains out 'readOnlyRootFilesystem: true'
expect_contains out '"helm.sh/hook": test'
render web-service -f "$t/all-on.yaml"
expect_kinds PodDisruptionBudget ServiceAccount ConfigMap Service Deployment HorizontalPodAutoscaler Ingress Pod
expect_contains out 'checksum/config: '
expect_contains out 'minAvailable: 50%'
expect_not_contains out 'replicas:'
render web-service --set replicaCount=1 --set tests.enabled=false
expect_kinds ServiceAccount Service Deployment

render worker
expect_kinds PodDisruptionBudget ServiceAccount ConfigMap Deployment
expect_not_contains out 'containerPort'
grep -v -e '^ingress:' -e '^  ' "$t/all-on.yaml" > "$t/worker-on.yaml"  # the worker has no ingress
printf 'autoscaling: {enabled: true, minReplicas: 3}\npodDisruptionBudget: {enabled: true, minAvailable: 1}\nconfig: {LOG_LEVEL: debug}\n' >> "$t/worker-on.yaml"
render worker -f "$t/worker-on.yaml"
expect_kinds PodDisruptionBudget ServiceAccount ConfigMap Deployment HorizontalPodAutoscaler

render cronjob
expect_kinds ServiceAccount CronJob
expect_contains out 'concurrencyPolicy: Forbid'
render cronjob --set config.LOG_LEVEL=debug --set ttlSecondsAfterFinished=2592000
expect_kinds ServiceAccount ConfigMap CronJob
expect_contains out 'ttlSecondsAfterFinished: 2592000'
# a CronJob's name must leave room for the 11-character suffix of its jobs
# (Helm allows release names of up to 53 characters.)
render cronjob --name a-release-name-that-is-much-longer-than-fifty-two
grep -q '^  name: a-release-name-that-is-much-longer-than-fifty-two-my$' "$t/out" || fail "CronJob name not cut at 52"

# the project's per-environment values apply to every starter chart
for env in dev staging prod; do
  for chart in web-service worker cronjob; do
    render "$chart" -f "$templates/project/values-$env.yaml"
    expect_contains out "environment: $env"
    expect_contains out 'LOG_LEVEL: '
  done
done
# values.yaml, and each environment's values merged over it, satisfy values.schema.json
if python3 -c 'import jsonschema' 2>/dev/null; then
  python3 - "$templates" <<'PY' || fail "values do not satisfy values.schema.json"
import json, sys, yaml, jsonschema
def merge(a, b):
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(a.get(k), dict): merge(a[k], v)
        else: a[k] = v
    return a
root = sys.argv[1]
bad = 0
for chart in ("web-service", "worker", "cronjob"):
    schema = json.load(open(f"{root}/{chart}/values.schema.json"))
    jsonschema.Draft7Validator.check_schema(schema)
    for env in ("", "dev", "staging", "prod"):
        values = yaml.safe_load(open(f"{root}/{chart}/values.yaml"))
        if env: merge(values, yaml.safe_load(open(f"{root}/project/values-{env}.yaml")))
        for e in jsonschema.Draft7Validator(schema).iter_errors(values):
            bad += 1; print(f"{chart} {env or 'defaults'}: {e.json_path}: {e.message}")
    values = merge(yaml.safe_load(open(f"{root}/{chart}/values.yaml")), {"replicas": 2})
    if jsonschema.Draft7Validator(schema).is_valid(values):
        bad += 1; print(f"{chart}: the schema accepts an unknown key")
sys.exit(1 if bad else 0)
PY
fi
echo "ok: starter charts"
