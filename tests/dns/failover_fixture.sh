# The failover test bed (source after common.sh): two sites in the Kubernetes
# double (namespaces site-a and site-b, Deployment web; the secondary scaled
# to 0), a flippable health server per site, and a project with environment
# prod (directory target) whose [failover] uses PowerDNS or moto Route 53.
#   failover_sites                 start the double and the health servers
#   site_health primary|secondary up|down
#   failover_project powerdns|route53 [EXTRA_DNS_LINES]  write shop/pave.toml and cd there
#   failover_powerdns_bed          all of it on PowerDNS: sites, zone example.org. with
#                                  app.example.org. at the primary, the project (skips without dig)
. "$SOURCE_DIR/tests/aws/moto.sh"
. "$SOURCE_DIR/tests/dns/pdns.sh"
. "$SOURCE_DIR/tests/kube_double/lib.sh"
command -v kubectl >/dev/null || skip "kubectl is not installed"

PRIMARY_IP=192.0.2.10
SECONDARY_IP=198.51.100.20

_health_pids=()
_health_start() {
  local name=$1
  echo up > "$t/health-$name"
  python3 "$SOURCE_DIR/tests/dns/health_server.py" "$t/health-$name.port" "$t/health-$name" &
  _health_pids+=($!)
  local i
  for i in $(seq 1 50); do [ -f "$t/health-$name.port" ] && break; sleep 0.1; done
  [ -f "$t/health-$name.port" ] || fail "health server $name did not start"
}

failover_sites() {
  kube_double_start "$t/cluster" --ready-delay ${READY_DELAY:-0.5}
  _health_start primary
  _health_start secondary
  PRIMARY_HEALTH=http://127.0.0.1:$(cat "$t/health-primary.port")/healthz
  SECONDARY_HEALTH=http://127.0.0.1:$(cat "$t/health-secondary.port")/healthz
  local ns replicas
  for ns in site-a site-b; do
    replicas=2; [ $ns = site-b ] && replicas=0
    cat > "$t/$ns.yaml" <<YAML
apiVersion: v1
kind: Namespace
metadata: {name: $ns}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: $ns}
spec:
  replicas: $replicas
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.25}]
YAML
    kubectl --context double apply -f "$t/$ns.yaml" >/dev/null
  done
}

site_health() { echo "$2" > "$t/health-$1"; }

site_replicas() { kubectl --context double get deployment web -n "$1" -o jsonpath='{.spec.replicas}'; }

failover_project() {
  local provider=$1 extra=${2:-}
  mkdir -p "$t/shop" && cd "$t/shop"
  local dns
  if [ "$provider" = powerdns ]; then
    dns="provider = \"powerdns\"
api_url = \"$PDNS_API_URL\"
zone = \"example.org.\"
record = \"app.example.org\"
ttl = 30
nameserver = \"127.0.0.1:$PDNS_DNS_PORT\"
propagation_timeout = \"20s\""
  else
    dns="provider = \"route53\"
zone = \"example.com.\"
record = \"app.example.com\"
routing = \"failover\"
ttl = 30
endpoint_url = \"$MOTO_URL\"
propagation_timeout = \"20s\""
  fi
  cat > pave.toml <<TOML
[project]
name = "shop"

[environments.prod]
target = "directory"
directory = "out/prod"

[failover]
rto = "5m"
rpo = "1h"
ready_timeout = "30s"

[failover.primary]
kube_context = "double"
namespace = "site-a"
deployments = ["web"]
replicas = 2
dns_target = "$PRIMARY_IP"
[[failover.primary.health]]
url = "$PRIMARY_HEALTH"
expect_body = "ok"
timeout = "2s"
failures = 3
interval = "200ms"

[failover.secondary]
kube_context = "double"
namespace = "site-b"
deployments = ["web"]
replicas = 2
dns_target = "$SECONDARY_IP"
[[failover.secondary.health]]
url = "$SECONDARY_HEALTH"
expect_body = "ok"
timeout = "2s"
failures = 3
interval = "200ms"

[failover.dns]
$dns
$extra
TOML
}

_failover_fixture_stop() {
  local p
  for p in "${_health_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pdns_stop; moto_stop; _kube_double_stop_all
}

failover_powerdns_bed() {
  command -v dig >/dev/null || skip "dig is not installed (packaging/deps.sh: dnsutils)"
  failover_sites
  pdns_start example.org.
  trap _failover_fixture_stop EXIT
  PDNS_ZONE=example.org.
  pdns_set app.example.org. A $PRIMARY_IP
  failover_project powerdns
}
