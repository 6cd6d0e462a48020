# Shell helpers for tests that talk to kube-double; source this file.
#
#   kube_double_start DIR [server args...]
#       starts a server in DIR and exports KUBECONFIG, KUBE_DOUBLE_DIR,
#       KUBE_DOUBLE_PORT and KUBE_DOUBLE_URL (and KUBECACHEDIR, so kubectl's
#       discovery cache stays in DIR). The server is stopped when the shell
#       exits (an EXIT trap that keeps any trap already set), and also exits
#       by itself if this shell dies without running its traps.
#   kube_double_stop DIR
#   kube_double_admin METHOD PATH [JSON]
#       calls the test-control API (PATH like /_double/faults) of the
#       server last started; prints the response body, fails on HTTP errors.

KUBE_DOUBLE_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
_kube_double_dirs=()

kube_double_start() {
  local dir=$1 env
  shift
  env=$("$KUBE_DOUBLE_HOME/start.sh" "$dir" --exit-with-pid $$ "$@") || return 1
  eval "$env"
  export KUBECONFIG KUBE_DOUBLE_DIR KUBE_DOUBLE_PORT KUBE_DOUBLE_URL
  export KUBECACHEDIR=$KUBE_DOUBLE_DIR/kubectl-cache
  if [ ${#_kube_double_dirs[@]} -eq 0 ]; then
    local previous
    previous=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
    # shellcheck disable=SC2064
    trap "_kube_double_stop_all; ${previous:-:}" EXIT
  fi
  _kube_double_dirs+=("$KUBE_DOUBLE_DIR")
}

kube_double_stop() {
  "$KUBE_DOUBLE_HOME/stop.sh" "$1"
}

_kube_double_stop_all() {
  local d
  for d in "${_kube_double_dirs[@]}"; do
    kube_double_stop "$d" || true
  done
}

kube_double_admin() {
  local method=$1 path=$2 body=${3:-}
  local args=(-sS --fail-with-body -X "$method" --cacert "$KUBE_DOUBLE_DIR/ca.crt"
              -H "Authorization: Bearer $(cat "$KUBE_DOUBLE_DIR/token")")
  if [ -n "$body" ]; then
    args+=(-H "Content-Type: application/json" --data "$body")
  fi
  curl "${args[@]}" "$KUBE_DOUBLE_URL$path"
}
