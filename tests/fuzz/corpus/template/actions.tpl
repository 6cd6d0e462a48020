{{- range $i, $v := .list }}{{ if eq $i 1 }}{{ $v | printf "%v" }}{{ else }}{{ . }}{{ end }}{{ end -}}
{{ with .name }}{{ . }}{{ end }}{{ .Values.a.b }}