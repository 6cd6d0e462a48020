#!/usr/bin/env bash
# A wrong PowerDNS API key, an unknown zone and an unreachable provider each
# fail the failover at step 1 with a clear error: the standby is not scaled,
# DNS is unchanged, no journal is left, the state records nothing. Bad
# [failover] tables name the file and key.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/dns/failover_fixture.sh"
failover_powerdns_bed
site_health primary down

unchanged() {
  [ "$(site_replicas site-b)" = 0 ] || fail "$1: the standby was scaled"
  [ "$(dig_a app.example.org)" = $PRIMARY_IP ] || fail "$1: DNS changed"
  [ ! -e .pave/failover/prod.journal.json ] || fail "$1: a journal was left"
  if pave state pull -e prod > st.json 2>/dev/null; then
    expect_json st.json '"failover" not in d["sections"]'
  fi
}

PDNS_API_KEY=wrong expect_exit 1 pave failover -e prod --to secondary
expect_contains err "pave: error: step 1 (confirm primary is unhealthy) failed: PowerDNS API $PDNS_API_URL refused the API key (HTTP 401)"
unchanged "wrong key"
(unset PDNS_API_KEY; expect_exit 1 pave failover -e prod --to secondary)
expect_contains err "no PowerDNS API key"
unchanged "no key"

sed -i 's/^zone = "example.org."/zone = "nosuch.example.org."/; s/^record = "app.example.org"/record = "app.nosuch.example.org"/' pave.toml
expect_exit 1 pave failover -e prod --to secondary
expect_contains err "zone nosuch.example.org. not found on server localhost"
unchanged "unknown zone"

failover_project powerdns
port=$(free_port)
sed -i "s|^api_url = .*|api_url = \"http://127.0.0.1:$port\"|" pave.toml
expect_exit 1 pave failover -e prod --to secondary
expect_contains err "PowerDNS API http://127.0.0.1:$port unreachable"
unchanged "unreachable"
expect_exit 5 pave failover status -e prod
expect_contains out "unreachable"

# Config errors name pave.toml and the key.
failover_project powerdns
sed -i 's/^ttl = 30/ttll = 30/' pave.toml
expect_exit 1 pave failover status -e prod
expect_contains err "pave.toml: [failover.dns] unknown key \"ttll\" (did you mean \"ttl\"?)"
failover_project powerdns 'routing = "failover"'
expect_exit 1 pave failover -e prod --dry-run
expect_contains err "[failover.dns] routing applies to provider \"route53\" only"
expect_exit 1 pave validate
expect_contains err "[failover.dns] routing applies to provider \"route53\" only"
