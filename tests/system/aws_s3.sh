#!/bin/bash
# S3 through `pave __aws s3`: single and multipart uploads, parallel ranged
# downloads, odd keys (encoded once, never normalised), listing with
# pagination; the AWS CLI reads back what pave wrote and vice versa.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start
aws_() { pave __aws --endpoint-url "$MOTO_URL" "$@"; }

expect_exit 0 aws_ s3 mb s3://data-bucket
head -c 23000000 /dev/urandom > big.bin
printf 'x' > one.txt
for key in "odd key+é.bin" "a/./b/../c.txt" "dir//double"; do
  expect_exit 0 aws_ s3 cp one.txt "s3://data-bucket/$key"
  awsm s3api head-object --bucket data-bucket --key "$key" >/dev/null
done
expect_exit 0 aws_ s3 cp big.bin s3://data-bucket/big.bin --part-size 5 --concurrency 3
expect_contains out "(23000000 bytes, 5 parts)"
awsm s3 cp s3://data-bucket/big.bin cli.bin >/dev/null
cmp big.bin cli.bin
awsm s3 cp big.bin s3://data-bucket/from-cli.bin >/dev/null
expect_exit 0 aws_ s3 cp s3://data-bucket/from-cli.bin down.bin
cmp big.bin down.bin
# Listing follows continuation tokens (moto pages at 1000 keys).
for i in $(seq 1 1100); do echo "$i"; done | python3 -c '
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1])
for line in sys.stdin: s3.put_object(Bucket="data-bucket", Key="many/%05d" % int(line), Body=b"")' "$MOTO_URL"
expect_exit 0 aws_ s3 ls s3://data-bucket/many/ -o json
expect_json out 'len(d) == 1100 and d[-1]["key"] == "many/01100"'
expect_exit 0 aws_ s3 rm "s3://data-bucket/odd key+é.bin"
awsm s3api head-object --bucket data-bucket --key "odd key+é.bin" >/dev/null 2>&1 && fail "object not deleted"
# A missing object is a one-line error with the service's code.
expect_exit 1 aws_ s3 cp s3://data-bucket/nope.bin nope.bin
expect_contains err "s3 HeadObject: NotFound"
[ ! -e nope.bin ] || fail "partial download left behind"
