#!/bin/bash
# With moto's IAM auth on (a real user, policy and access key): pave's
# signatures pass, a wrong secret fails with SignatureDoesNotMatch, and the
# AWS CLI reads back what pave wrote. (Keys with spaces fail moto's own
# signature check even for the AWS CLI; aws_s3.sh covers them without auth.)
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start auth
aws_() { pave __aws --endpoint-url "$MOTO_URL" "$@"; }

expect_exit 0 aws_ whoami
expect_contains out "arn:aws:iam::123456789012:user/pave"
expect_exit 0 aws_ s3 mb s3://auth-bucket
printf 'hello from pave\n' > small.txt
head -c 12000000 /dev/urandom > big.bin
expect_exit 0 aws_ s3 cp small.txt s3://auth-bucket/dir/small.txt
expect_exit 0 aws_ s3 cp big.bin s3://auth-bucket/dir/big.bin --part-size 5
expect_contains out "(12000000 bytes, 3 parts)"

# The AWS CLI reads back what pave wrote.
awsm s3 cp s3://auth-bucket/dir/small.txt - > back.txt
cmp small.txt back.txt
awsm s3 cp s3://auth-bucket/dir/big.bin back.bin >/dev/null
cmp big.bin back.bin
expect_exit 0 aws_ s3 cp s3://auth-bucket/dir/big.bin down.bin
cmp big.bin down.bin

# A wrong secret: SignatureDoesNotMatch, one line, no retries.
AWS_SECRET_ACCESS_KEY=wrong-secret expect_exit 1 aws_ s3 ls s3://auth-bucket
expect_contains err "SignatureDoesNotMatch"
expect_lines err 1
# An unknown key id.
AWS_ACCESS_KEY_ID=AKIANOTAKEY0000000000 expect_exit 1 aws_ s3 ls s3://auth-bucket
expect_contains err "InvalidAccessKeyId"
