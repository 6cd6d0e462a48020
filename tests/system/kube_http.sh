# pave's HTTP layer over libcurl against a local fixture server: User-Agent,
# bearer token, redacted debug logs, retry of 429, proxies from the
# environment (and NO_PROXY), and a one-line error for a refused connection.
. "$(dirname "$0")/common.sh"

python3 "$SOURCE_DIR/tests/system/http_fixture.py" "$t" &
fixture=$!
trap 'kill $fixture 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -f "$t/port" ] && break; sleep 0.05; done
port=$(cat "$t/port")
cat > kubeconfig <<EOF2
apiVersion: v1
kind: Config
current-context: fixture
clusters: [{name: local, cluster: {server: "http://127.0.0.1:$port"}}]
users: [{name: me, user: {token: s3cret-token}}]
contexts: [{name: fixture, context: {cluster: local, user: me}}]
EOF2
export KUBECONFIG=$t/kubeconfig
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy NO_PROXY no_proxy

expect_exit 0 pave __kube version
expect_contains out "v1.30.0-fixture"
expect_contains requests.log "GET /version | pave/"
expect_contains requests.log "| Bearer s3cret-token"

expect_exit 0 pave -vv __kube raw GET /version
expect_contains err "Authorization: Bearer <redacted>"
expect_not_contains err "s3cret-token"

expect_exit 0 pave __kube raw GET /flaky
expect_contains out '{"ok": true}'
[ "$(grep -c 'GET /flaky' requests.log)" -eq 2 ] || fail "expected one retry of /flaky"

# libcurl takes http_proxy from the environment and honours NO_PROXY.
expect_exit 1 env http_proxy=http://127.0.0.1:9 "$PAVE" __kube raw GET /version
expect_contains err "connection failed to 127.0.0.1:$port"
expect_exit 0 env http_proxy=http://127.0.0.1:9 NO_PROXY=127.0.0.1 "$PAVE" __kube raw GET /version

kill $fixture; wait $fixture 2>/dev/null || true
expect_exit 1 pave __kube version
expect_contains err "connection failed to 127.0.0.1:$port"
expect_lines err 1
