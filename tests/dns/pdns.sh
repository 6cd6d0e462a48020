# PowerDNS Authoritative for system tests (source after common.sh and tests/aws/moto.sh for free_port).
#   pdns_start ZONE        start pdns_server (gsqlite3 backend) on 127.0.0.1 with
#                          free ports; creates ZONE; sets PDNS_DNS_PORT,
#                          PDNS_API_URL, PDNS_API_KEY, PDNS_DIR
#   pdns_record NAME TYPE CONTENT   add a record with sqlite3 (test set-up)
#   pdns_stop              stop it (also done on exit)
# Skips (125) only when pdns_server or its sqlite3 backend is not installed.

pdns_probe() {
  command -v pdns_server >/dev/null || skip "pdns_server is not installed (packaging/deps.sh: pdns-server)"
  [ -f /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql ] ||
    skip "pdns-backend-sqlite3 is not installed (packaging/deps.sh)"
  command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"
}

pdns_start() {
  pdns_probe
  local zone=$1
  PDNS_DIR=$t/pdns
  mkdir -p "$PDNS_DIR"
  PDNS_DNS_PORT=$(free_port)
  local api_port; api_port=$(free_port)
  PDNS_API_URL=http://127.0.0.1:$api_port
  PDNS_API_KEY=test-key-$RANDOM$RANDOM
  sqlite3 "$PDNS_DIR/pdns.sqlite3" < /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql
  cat > "$PDNS_DIR/pdns.conf" <<CONF
launch=gsqlite3
gsqlite3-database=$PDNS_DIR/pdns.sqlite3
local-address=127.0.0.1
local-port=$PDNS_DNS_PORT
webserver=yes
webserver-address=127.0.0.1
webserver-port=$api_port
webserver-allow-from=127.0.0.0/8
api=yes
api-key=$PDNS_API_KEY
CONF
  pdns_server --daemon=no --guardian=no --disable-syslog --socket-dir="$PDNS_DIR" --config-dir="$PDNS_DIR" \
    >"$PDNS_DIR/log" 2>&1 &
  PDNS_PID=$!
  trap 'pdns_stop' EXIT
  local i
  for i in $(seq 1 100); do
    curl -sf -o /dev/null -H "X-API-Key: $PDNS_API_KEY" "$PDNS_API_URL/api/v1/servers/localhost" && break
    sleep 0.1
  done
  curl -sf -o /dev/null -H "X-API-Key: $PDNS_API_KEY" "$PDNS_API_URL/api/v1/servers/localhost" ||
    { cat "$PDNS_DIR/log"; fail "pdns_server did not start"; }
  curl -sf -o /dev/null -X POST -H "X-API-Key: $PDNS_API_KEY" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$zone\",\"kind\":\"Native\",\"nameservers\":[\"ns1.$zone\"]}" \
    "$PDNS_API_URL/api/v1/servers/localhost/zones" || fail "cannot create zone $zone"
  export PDNS_API_KEY
}

# pdns_set NAME TYPE CONTENT: replace an rrset through the API (test set-up).
pdns_set() {
  curl -sf -o /dev/null -X PATCH -H "X-API-Key: $PDNS_API_KEY" -H 'Content-Type: application/json' \
    -d "{\"rrsets\":[{\"name\":\"$1\",\"type\":\"$2\",\"ttl\":60,\"changetype\":\"REPLACE\",\"records\":[{\"content\":\"$3\",\"disabled\":false}]}]}" \
    "$PDNS_API_URL/api/v1/servers/localhost/zones/${4:-$PDNS_ZONE}" || fail "cannot set $1 $2"
}

# dig_a NAME: the A records the server answers (one per line).
dig_a() { dig +short +norecurse +time=2 +tries=2 @127.0.0.1 -p "$PDNS_DNS_PORT" "$1" A; }

pdns_stop() {
  if [ -n "${PDNS_PID:-}" ]; then
    kill "$PDNS_PID" 2>/dev/null || true
    wait "$PDNS_PID" 2>/dev/null || true
    PDNS_PID=
  fi
}
