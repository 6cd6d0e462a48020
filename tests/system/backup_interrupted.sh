#!/usr/bin/env bash
# A backup upload killed midway (SIGKILL while a multipart upload to S3 is
# in progress, held there by a stalling proxy) leaves no listed backup, and
# the next backup is listed normally.
. "$(dirname "$0")/common.sh"
. "$SOURCE_DIR/tests/aws/moto.sh"
moto_start
proxy_start
awsm s3 mb s3://pave-backups >/dev/null

backup_directory_project "$(printf 'destination = "s3://pave-backups/shop"\nendpoint_url = "%s"\nrpo = "24h"' "$PROXY_URL")"
head -c 40000000 /dev/urandom > "$t/payload.bin"

# The third part upload stalls; pave is killed while it waits.
echo '[{"match": "PUT .*partNumber=3", "faults": ["stall:60"]}]' > "$t/faults.json"
"$PAVE" backup create -e dev --name killed --include-file "$t/payload.bin" > "$t/killed.out" 2>&1 &
pid=$!
# Parts go up concurrently: wait until part 3 is stalled and part 1 is stored.
for _ in $(seq 300); do
  grep -q 'partNumber=3' "$t/proxy.log" 2>/dev/null && grep -q 'PUT .*partNumber=1.* 200' "$t/proxy.log" && break
  sleep 0.1
done
grep -q 'partNumber=3' "$t/proxy.log" || { cat "$t/killed.out"; fail "the upload never reached part 3"; }
grep -q 'PUT .*partNumber=1.* 200' "$t/proxy.log" || { cat "$t/proxy.log"; fail "no part was uploaded before the kill"; }
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo '[]' > "$t/faults.json"

# Nothing is listed (and the RPO is still violated); the upload was never completed.
expect_exit 5 pave backup list -e dev -o json
expect_json out 'd["backups"] == [] and d["rpo"][0]["status"] == "violated"'
awsm s3api list-multipart-uploads --bucket pave-backups > "$t/uploads.json"
expect_json "$t/uploads.json" 'any(u["Key"] == "shop/killed/archive.pave" for u in d["Uploads"])'
expect_exit 1 pave backup verify killed -e dev
expect_contains err "no backup killed in s3://pave-backups/shop"

# A complete backup (multipart: 40 MB in 8 MiB parts) is listed and verifies.
expect_exit 0 pave backup create -e dev --name complete --include-file "$t/payload.bin"
expect_exit 0 pave backup list -e dev -o json
expect_json out '[b["id"] for b in d["backups"]] == ["complete"] and d["rpo"][0]["status"] == "ok"'
expect_exit 0 pave backup verify complete -e dev
awsm s3api head-object --bucket pave-backups --key shop/complete/archive.pave > "$t/head.json"
expect_json "$t/head.json" '"-" in d["ETag"]'
