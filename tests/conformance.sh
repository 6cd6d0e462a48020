#!/bin/bash
# Runs ../shared/conformance/helm/run.sh against pave render; skips when the
# corpus is not beside the clone.
pave=$1
corpus=$(cd "$(dirname "$0")/../.." && pwd)/shared/conformance/helm
[ -x "$corpus/run.sh" ] || { echo "skip: no conformance corpus at $corpus"; exit 125; }
"$corpus/run.sh" "$pave render"
