#!/bin/bash
# Oracle: executes a template snippet with helmref (Go text/template + Sprig +
# Helm's functions) and prints exactly what it produced, or the error on
# stderr with exit 1.
#   tests/oracle/gotpl.sh 'TEMPLATE' [VALUES_YAML]
# The snippet runs as template "snippet" with the root context as dot, in chart
# "c" (version 0.1.0, appVersion 1.0), release "r", namespace "default".
# Set RAW=1 to render the snippet as the whole manifest file instead (then
# its output must be YAML, and helm's "---"/"# Source:" lines are removed).
set -u
helmref=${HELMREF:-helmref}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "1.0"\n' > "$tmp/c/Chart.yaml"
printf '%s' "${2:-}" > "$tmp/c/values.yaml"
if [ -n "${RAW:-}" ]; then
  printf '%s' "$1" > "$tmp/c/templates/t.yaml"
  out=$("$helmref" --name r "$tmp/c") || exit 1
  printf '%s\n' "$out" | sed '1{/^---$/d}' | sed '1{/^# Source: /d}'
  exit 0
fi
# \x01 guards keep the snippet's own leading and trailing white space.
printf '{{- define "snippet" -}}\x01%s\x01{{- end -}}' "$1" > "$tmp/c/templates/_snippet.tpl"
printf 'kind: ConfigMap\ndata:\n  out: {{ include "snippet" . | b64enc | quote }}\n' > "$tmp/c/templates/t.yaml"
out=$("$helmref" --name r "$tmp/c") || exit 1
printf '%s\n' "$out" | sed -n 's/^  out: "\(.*\)"$/\1/p' | base64 -d | python3 -c 'import sys; d=sys.stdin.buffer.read(); sys.stdout.buffer.write(d[1:-1])'
