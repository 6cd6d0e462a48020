#!/bin/bash
# Benchmark: upload and download of a SIZE_MIB (default 256) MiB object to
# moto with `pave __aws s3 cp` and `aws s3 cp`, side by side: wall time and
# peak RSS from /usr/bin/time -v. Usage: PAVE=build/pave tests/bench/aws_s3_cp.sh [SIZE_MIB]
source "$(dirname "$0")/../system/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
[ -x /usr/bin/time ] || skip "/usr/bin/time is missing"
size=${1:-256}
moto_start
awsm s3 mb s3://bench >/dev/null
head -c $((size << 20)) /dev/urandom > obj.bin

measure() { # NAME CMD...: prints "NAME wall_s peak_rss_mib"
  local name=$1; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$t/time.txt"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$t/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$t/time.txt")
  printf '%-28s %10s %8s MiB\n' "$name" "$wall" "$rss"
}

printf '%-28s %10s %12s\n' "${size} MiB object" "wall" "peak RSS"
for round in 1 2; do
  measure "pave upload ($round)" "$PAVE" __aws s3 cp obj.bin s3://bench/pave.bin --endpoint-url "$MOTO_URL"
  measure "aws upload ($round)" aws --endpoint-url "$MOTO_URL" s3 cp obj.bin s3://bench/aws.bin --only-show-errors
  measure "pave download ($round)" "$PAVE" __aws s3 cp s3://bench/pave.bin pave.out --endpoint-url "$MOTO_URL"
  measure "aws download ($round)" aws --endpoint-url "$MOTO_URL" s3 cp s3://bench/aws.bin aws.out --only-show-errors
  cmp obj.bin pave.out && cmp obj.bin aws.out
done
