#!/bin/bash
# kube-double (tests/kube_double) serves the Kubernetes API well enough for a
# real client: kubectl applies, diffs, lists in chunks, resolves field-manager
# conflicts, serves custom resources, deletes, and authenticates like against
# a real API server.
. "$(dirname "$0")/common.sh"
command -v kubectl >/dev/null || skip "kubectl is not installed"
. "$SOURCE_DIR/tests/kube_double/lib.sh"
kube_double_start "$t/double" --ready-delay 0.3

k() { kubectl "$@"; }

# Namespace, then a Deployment + Service + ConfigMap, server-side.
cat >ns.yaml <<'EOF'
apiVersion: v1
kind: Namespace
metadata: {name: demo}
EOF
app() {
  cat <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: $1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: nginx:1.27, ports: [{containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: demo}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web, namespace: demo}
data: {greeting: hello}
EOF
}
app 2 >app2.yaml
app 3 >app3.yaml
expect_exit 0 k create -f ns.yaml
expect_exit 0 k apply --server-side -f app2.yaml
expect_contains out "deployment.apps/web serverside-applied"

# Generation 1; the controller reports the rollout after the ready delay.
expect_exit 0 k get deploy web -n demo -o json
expect_json out 'd["metadata"]["generation"] == 1 and d["spec"]["replicas"] == 2'
expect_exit 0 k rollout status deploy/web -n demo --timeout=10s
expect_exit 0 k get deploy web -n demo -o json
expect_json out 'd["status"]["observedGeneration"] == 1 and d["status"]["readyReplicas"] == 2'

# diff shows a change (exit 1), applying it bumps the generation, then no diff.
expect_exit 1 k diff --server-side -f app3.yaml
expect_contains out "+  replicas: 3"
expect_exit 0 k apply --server-side -f app3.yaml
expect_exit 0 k get deploy web -n demo -o json
expect_json out 'd["metadata"]["generation"] == 2'
expect_exit 0 k diff --server-side -f app3.yaml

# Another field manager conflicts over .spec.replicas until it forces.
expect_exit 1 k apply --server-side --field-manager other -f app2.yaml
expect_contains err 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas'
expect_exit 0 k apply --server-side --field-manager other --force-conflicts -f app2.yaml
expect_exit 0 k get deploy web -n demo -o json --show-managed-fields
expect_json out 'd["spec"]["replicas"] == 2 and d["metadata"]["generation"] == 3'
expect_json out '[m["manager"] for m in d["metadata"]["managedFields"] if m["operation"] == "Apply"] == ["kubectl", "other"]'

# Chunked lists see every object.
for i in 1 2 3 4 5; do
  printf -- '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm%s, namespace: demo, labels: {batch: x}}\n' "$i"
done >cms.yaml
expect_exit 0 k apply --server-side -f cms.yaml
expect_exit 0 k get cm -n demo -l batch=x --chunk-size=2 -o name -v=6
expect_lines out 5
[ "$(grep -c 'configmaps?.*limit=2' err)" -eq 3 ] || fail "expected 3 pages of 2"

# A CRD becomes established; its custom resources can then be applied and read.
cat >crd.yaml <<'EOF'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
EOF
printf 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: demo}\nspec: {size: 3}\n' >widget.yaml
expect_exit 0 k apply --server-side -f crd.yaml
expect_exit 0 k wait --for condition=Established crd/widgets.example.com --timeout=10s
expect_exit 0 k apply --server-side -f widget.yaml
expect_exit 0 k get widget w1 -n demo -o json
expect_json out 'd["spec"]["size"] == 3 and d["metadata"]["generation"] == 1'

# Deleting removes things, a namespace with everything in it.
expect_exit 0 k delete -f widget.yaml
expect_exit 1 k get widget w1 -n demo
expect_contains err 'widgets.example.com "w1" not found'
expect_exit 0 k delete ns demo --timeout=20s
expect_exit 0 k get cm -A -l batch=x -o name
expect_lines out 0
expect_exit 1 k get ns demo
expect_contains err 'namespaces "demo" not found'

# Client certificates work; a wrong token does not.
expect_exit 0 k --context double-cert get ns default
expect_exit 1 k --token wrong get ns default
expect_contains err "Unauthorized"

# An injected 429 is retried by kubectl after its Retry-After.
kube_double_admin POST /_double/faults '{"status":429,"count":1,"retryAfterSeconds":1,"path":"/namespaces/default$"}' >/dev/null
expect_exit 0 k get ns default -v=6
expect_contains err "429 Too Many Requests"
expect_contains err "200 OK"
kube_double_admin GET /_double/requests >"$t/requests.json"
expect_json "$t/requests.json" 'd["faultsInjected"] == 1'
echo "ok: $testname"
