#!/bin/bash
# pave render's command line: helm template's flags, errors and exit codes.
source "$(dirname "$0")/common.sh"

mkdir -p c/templates
printf 'apiVersion: v2\nname: c\nversion: 1.0.0\n' > c/Chart.yaml
printf 'replicas: 1\nname: web\n' > c/values.yaml
cat > c/templates/cm.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-{{ .Values.name }}
  namespace: {{ .Release.Namespace }}
data:
  replicas: {{ .Values.replicas | quote }}
YAML
printf '{{ required "need .Values.must" .Values.must }}\n' > c/templates/_req.tpl

# positional NAME CHART, like helm template
expect_exit 0 pave render r1 c -n shop --set replicas=3
expect_contains out '# Source: c/templates/cm.yaml'
expect_contains out 'name: r1-web'
expect_contains out 'namespace: shop'
expect_contains out 'replicas: "3"'

# values files merge in order, --set wins, a repeated --name takes the last
printf 'name: api\nreplicas: 2\n' > v1.yaml
printf 'replicas: 5\n' > v2.yaml
expect_exit 0 pave render --name a --name b -f v1.yaml -f v2.yaml c
expect_contains out 'name: b-api'
expect_contains out 'replicas: "5"'

# --output-dir writes files like helm template does
expect_exit 0 pave render --name r c --output-dir outdir
expect_file outdir/c/templates/cm.yaml
expect_contains out 'wrote outdir/c/templates/cm.yaml'

# errors: a missing chart, a template error naming file:line:col, an unknown flag
expect_exit 1 pave render --name r no-such-chart
expect_contains err 'pave: error:'
expect_lines err 1
printf '{{ .Values.missing.x.y }}\n' > c/templates/bad.yaml
expect_exit 1 pave render --name r c
expect_contains err 'c/templates/bad.yaml:1:'
expect_contains err 'nil pointer evaluating interface {}.x'
rm c/templates/bad.yaml
printf '{{ if }}\n' > c/templates/bad.yaml
expect_exit 1 pave render --name r c
expect_contains err 'parse error'
expect_contains err 'c/templates/bad.yaml:1'
rm c/templates/bad.yaml
expect_exit 2 pave render --name r c --no-such-flag
expect_exit 1 pave render --name r c --show-only templates/nope.yaml
expect_contains err 'could not find template templates/nope.yaml in chart'
