#!/bin/bash
# start.sh DIR [server args...]: starts kube-double in the background, waits
# until it answers /readyz, and prints NAME=value lines to eval:
#   KUBECONFIG, KUBE_DOUBLE_DIR, KUBE_DOUBLE_PORT, KUBE_DOUBLE_URL.
# The server's log is DIR/server.log; stop it with stop.sh DIR.
set -o errexit -o nounset -o pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:?usage: start.sh DIR [server args...]}
shift
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rm -f "$dir/port" "$dir/server.pid"

PYTHONDONTWRITEBYTECODE=1 python3 "$here/server.py" --dir "$dir" "$@" \
  >"$dir/server.out" 2>"$dir/server.log" </dev/null &
pid=$!

for _ in $(seq 1 150); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "kube-double exited during start-up; its log:" >&2
    cat "$dir/server.log" >&2
    exit 1
  fi
  if [ -s "$dir/port" ] && curl -sf --cacert "$dir/ca.crt" \
       -H "Authorization: Bearer $(cat "$dir/token")" \
       "https://127.0.0.1:$(cat "$dir/port")/readyz" >/dev/null 2>&1; then
    port=$(cat "$dir/port")
    printf 'KUBECONFIG=%q\n' "$dir/kubeconfig"
    printf 'KUBE_DOUBLE_DIR=%q\n' "$dir"
    printf 'KUBE_DOUBLE_PORT=%s\n' "$port"
    printf 'KUBE_DOUBLE_URL=https://127.0.0.1:%s\n' "$port"
    exit 0
  fi
  sleep 0.1
done
echo "kube-double did not become ready in 15 s; its log:" >&2
cat "$dir/server.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
