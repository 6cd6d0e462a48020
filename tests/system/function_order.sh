#!/bin/bash
# The release binary lays out the functions of packaging/function-order.txt
# first (CMakeLists.txt, PAVE_FUNCTION_ORDER): they are in pave, near one
# another, and the list is not stale (a renamed function falls out of it
# silently: remake it with packaging/function-order.sh).
source "$(dirname "$0")/common.sh"
command -v nm >/dev/null && command -v readelf >/dev/null || skip "binutils are not installed"
readelf -p .comment "$PAVE" | grep -q LLD || skip "pave was not linked by lld (no function order)"
list=$SOURCE_DIR/packaging/function-order.txt
nm --defined-only "$PAVE" | awk '$2 ~ /^[tTwW]$/ {print $1, $3}' > symbols
python3 - "$list" symbols <<'EOF'
import sys
listed = [l.strip() for l in open(sys.argv[1]) if l.strip()]
address = {}
for line in open(sys.argv[2]):
    a, name = line.split()
    address.setdefault(name, int(a, 16))
present = [n for n in listed if n in address]
share = len(present) / len(listed)
print(f"{len(present)} of {len(listed)} listed functions in pave ({share:.0%})")
if share < 0.9:
    sys.exit("function-order.txt is stale: remake it with packaging/function-order.sh")
# Together: nine in ten of them within 4 MB (about 3 MB: functions of
# libraries built without a section for each function bring their whole
# file's code; laid out by address instead, they spread over 11 MB).
addresses = sorted(address[n] for n in present)
k = len(addresses)
span = addresses[k * 19 // 20 - 1] - addresses[k // 20]
print(f"nine in ten listed functions within {span / 1e6:.1f} MB")
if span > 4e6:
    sys.exit("the listed functions are not laid out together")
EOF
