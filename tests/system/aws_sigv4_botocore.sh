#!/bin/bash
# SigV4: 1,000 randomised requests (S3 and other services, header signing
# and presigned URLs, session tokens, UNSIGNED-PAYLOAD) signed by pave and by
# botocore give the same signatures.
source "$(dirname "$0")/common.sh"
python3 -c 'import botocore' 2>/dev/null || skip "botocore is not installed"
python3 "$SOURCE_DIR/tests/aws/sigv4_vs_botocore.py" "$PAVE" 1000 "${RANDOM}" > "$t/out" || { cat "$t/out"; fail "signatures differ"; }
expect_contains out "1000 signatures identical to botocore"
