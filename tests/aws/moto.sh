# Helpers for system tests against moto_server (source after common.sh).
#   moto_start [auth]   start moto on a free loopback port; sets MOTO_URL and
#                       AWS_* for a fake account (auth: IAM auth enforced after
#                       the set-up requests, with a real user and access key)
#   moto_stop           stop it (also done on exit)
#   moto_env            pave.toml lines for an environment on moto
# Skips the test (exit 125) when moto or the AWS CLI is missing.

moto_probe() {
  python3 -c 'import moto.server' 2>/dev/null || skip "moto is not installed (pip install 'moto[server]')"
  command -v aws >/dev/null || skip "the AWS CLI is not installed"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

moto_start() {
  moto_probe
  local mode=${1:-}
  MOTO_PORT=$(free_port)
  MOTO_URL=http://127.0.0.1:$MOTO_PORT
  export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY
  export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
  export AWS_CONFIG_FILE=$t/aws-config AWS_SHARED_CREDENTIALS_FILE=$t/aws-credentials
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL 2>/dev/null || true
  : > "$AWS_CONFIG_FILE"; : > "$AWS_SHARED_CREDENTIALS_FILE"
  if [ "$mode" = auth ]; then
    # The first 4 requests (the IAM set-up below) need no auth; all later ones do.
    INITIAL_NO_AUTH_ACTION_COUNT=4 python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" >"$t/moto.log" 2>&1 &
  else
    python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" >"$t/moto.log" 2>&1 &
  fi
  MOTO_PID=$!
  trap 'moto_stop' EXIT
  local i
  for i in $(seq 1 100); do
    curl -s -o /dev/null "$MOTO_URL/moto-api/" && break
    sleep 0.1
  done
  curl -s -o /dev/null "$MOTO_URL/moto-api/" || { cat "$t/moto.log"; fail "moto did not start"; }
  if [ "$mode" = auth ]; then
    local awsm="aws --endpoint-url $MOTO_URL"
    $awsm iam create-user --user-name pave >/dev/null
    $awsm iam create-policy --policy-name all \
      --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' >/dev/null
    $awsm iam attach-user-policy --user-name pave --policy-arn arn:aws:iam::123456789012:policy/all >/dev/null
    $awsm iam create-access-key --user-name pave > "$t/key.json"
    AWS_ACCESS_KEY_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["AccessKey"]["AccessKeyId"])' "$t/key.json")
    AWS_SECRET_ACCESS_KEY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["AccessKey"]["SecretAccessKey"])' "$t/key.json")
    export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
  fi
}

moto_stop() {
  if [ -n "${MOTO_PID:-}" ]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
    MOTO_PID=
  fi
}

# awsm ARGS...: the AWS CLI against moto.
awsm() { aws --endpoint-url "$MOTO_URL" "$@"; }

# proxy_start: a fault-injecting proxy in front of moto (fault_proxy.py);
# sets PROXY_URL; rules go in $t/faults.json, the request log in $t/proxy.log.
proxy_start() {
  local port; port=$(free_port)
  PROXY_URL=http://127.0.0.1:$port
  echo '[]' > "$t/faults.json"; : > "$t/proxy.log"
  python3 "$SOURCE_DIR/tests/aws/fault_proxy.py" "$port" "$MOTO_URL" "$t/faults.json" "$t/proxy.log" 2>"$t/proxy.err" &
  PROXY_PID=$!
  trap 'moto_stop; kill $PROXY_PID 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 50); do
    curl -s -o /dev/null "$PROXY_URL/moto-api/" && return 0
    sleep 0.1
  done
  fail "the fault proxy did not start"
}
