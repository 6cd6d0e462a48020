#!/bin/bash
# A template whose output runs past a megabyte renders like helmref: the engine
# hands such output over in ~256 KiB pieces cut where documents end (Exec's
# spill, chart::last_document_cut), and this checks the pieces add up to the
# same documents, sorted the same way. The output holds "<no value>" made by
# two writes, "---" lines inside block scalars, hooks, kinds that sort before
# and after ConfigMap, and one document larger than a piece.
source "$(dirname "$0")/common.sh"
command -v helmref >/dev/null || skip "helmref is not installed"

mkdir -p big/templates
printf 'apiVersion: v2\nname: big\nversion: 1.0.0\n' > big/Chart.yaml
printf 'count: 6000\nhalf: value>\n' > big/values.yaml
cat > big/templates/many.yaml <<'TPL'
{{- range $i := until (int .Values.count) }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-{{ $i }}
data:
  missing: "{{ $.Values.nothing }}"
  joined: "<no {{ $.Values.half }}"
  text: |
    ---
    not a separator: indented
{{- if eq (mod $i 1000) 7 }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d-{{ $i }}
---
apiVersion: v1
kind: Pod
metadata:
  name: hook-{{ $i }}
  annotations:
    "helm.sh/hook": pre-install
    "helm.sh/hook-weight": "{{ sub 10 (div $i 1000) }}"
{{- end }}
{{- end }}
---
apiVersion: v1
kind: Secret
metadata:
  name: large
stringData:
  blob: {{ repeat 300000 "x" | quote }}
TPL
helmref --name r big > want.yaml || fail "helmref failed"
expect_exit 0 pave render --name r big
size=$(stat -c %s "$t/out")
[ "$size" -gt 1000000 ] || fail "output is only $size bytes"
cmp -s want.yaml "$t/out" || { diff want.yaml "$t/out" | head -20; fail "pave render differs from helmref"; }
