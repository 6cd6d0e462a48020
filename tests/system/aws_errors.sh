#!/bin/bash
# Missing or expired credentials, a wrong region and an unreachable endpoint
# each give a one-line error naming the cause.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start

# Missing credentials (no environment, no files, IMDS disabled).
(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; expect_exit 1 pave __aws whoami --endpoint-url "$MOTO_URL")
expect_contains err "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE"
expect_lines err 1

# Expired credentials.
AWS_CREDENTIAL_EXPIRATION=2020-01-01T00:00:00Z expect_exit 1 pave __aws whoami --endpoint-url "$MOTO_URL"
expect_contains err "AWS credentials from environment expired at 2020-01-01T00:00:00Z"
expect_lines err 1

# No region, an invalid region.
(unset AWS_REGION AWS_DEFAULT_REGION; expect_exit 1 pave __aws whoami --endpoint-url "$MOTO_URL")
expect_contains err "no AWS region: set \`region\`"
expect_exit 1 pave __aws whoami --endpoint-url "$MOTO_URL" --region useast1
expect_contains err 'invalid AWS region "useast1"'
expect_lines err 1

# Wrong region: a bucket pave manages lives in another region.
awsm s3api create-bucket --bucket far-bucket --region eu-west-1 \
  --create-bucket-configuration LocationConstraint=eu-west-1 >/dev/null
cat > pave.toml <<TOML
[project]
name = "errors"
[environments.dev]
region = "us-east-1"
endpoint_url = "$MOTO_URL"
[cloud.s3_buckets.far]
name = "far-bucket"
TOML
expect_exit 1 pave plan -e dev
expect_contains err "wrong region: the bucket is in eu-west-1, the environment's region is us-east-1"
expect_lines err 1

# Unreachable endpoint (a closed port): retried, then named.
closed=http://127.0.0.1:$(free_port)
expect_exit 1 pave __aws s3 ls s3://x --endpoint-url "$closed"
expect_contains err "cannot reach AWS endpoint $closed (s3 ListObjectsV2)"
expect_lines err 1
