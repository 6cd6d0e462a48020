# pave __kube drives pave's Kubernetes client against the API test double
# over TLS: discovery, server-side apply, get, list with pagination,
# conflicts, delete, and redacted request logs.
. "$(dirname "$0")/common.sh"

lib=$SOURCE_DIR/tests/kube_double/lib.sh
[ -f "$lib" ] || skip "the Kubernetes API test double (tests/kube_double/lib.sh) is not in this tree"
. "$lib"
kube_double_start "$t/double"
export XDG_CACHE_HOME=$t/cache

expect_exit 0 pave __kube version
expect_exit 0 pave __kube discover
expect_contains out "apps/v1 Deployment deployments namespaced"
expect_contains out "v1 Namespace namespaces cluster"
expect_not_contains out "deployments/status"
ls "$t"/cache/pave/discovery/*/resources.json >/dev/null

for i in $(seq 1 12); do
  printf -- '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-%s\n  labels: {app: web}\ndata:\n  num: "%s"\n' "$i" "$i"
done > cms.yaml
expect_exit 0 pave __kube apply -f cms.yaml --parallel 4 --stats
expect_lines out 12
expect_contains out "configmap/cm-7 serverside-applied"
expect_contains err "pave: stats: "
expect_exit 0 pave __kube get v1 ConfigMap cm-3 -o json
expect_json out 'd["data"]["num"] == "3" and d["metadata"]["managedFields"][0]["manager"] == "pave"'
expect_exit 0 pave __kube list v1 ConfigMap -l app=web -o json
expect_json out 'd["count"] == 12'

# Another manager owns a field: a conflict names it, --force-conflicts takes it.
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-1}\ndata: {num: "other"}\n' > other.yaml
expect_exit 0 kubectl apply --server-side --field-manager=other -f other.yaml --force-conflicts
expect_exit 1 pave __kube apply -f cms.yaml
expect_contains out 'apply ConfigMap default/cm-1: apply conflict on 1 field owned by another manager: .data.num (managed by "other")'
expect_contains out "--force-conflicts"
expect_exit 0 pave __kube apply -f cms.yaml --force-conflicts

# Delete; a second delete of the same object is fine.
expect_exit 0 pave __kube delete v1 ConfigMap cm-1
expect_exit 0 pave __kube delete v1 ConfigMap cm-1
expect_exit 1 pave __kube get v1 ConfigMap cm-1
expect_contains err 'configmaps "cm-1" not found'

# Debug logs show requests with the credentials redacted.
expect_exit 0 pave -vv __kube get v1 ConfigMap cm-2
expect_contains err "http: > GET https://"
expect_contains err "Authorization: Bearer <redacted>"
expect_not_contains err "$(cat "$KUBE_DOUBLE_DIR/token")"

# 429 and 503 are retried (Retry-After honoured).
kube_double_admin POST /_double/faults '{"status":429,"count":2,"retryAfterSeconds":1,"path":"/configmaps","method":"PATCH"}' >/dev/null
kube_double_admin POST /_double/faults '{"status":503,"count":1,"path":"/configmaps/cm-5"}' >/dev/null
expect_exit 0 pave __kube apply -f cms.yaml --force-conflicts
expect_exit 0 pave __kube get v1 ConfigMap cm-5

# An unknown kind is a one-line error.
expect_exit 1 pave __kube get example.com/v1 Widget w
expect_contains err 'no kind "Widget" in group version "example.com/v1"'
