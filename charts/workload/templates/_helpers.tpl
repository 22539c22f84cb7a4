{{/*
The chart's name and version, as Helm's own `helm.sh/chart` label.
*/}}
{{- define "workload.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Every workload to render, as YAML: `workloads.<name>` entries, plus the legacy single workload that score-helm
values describe at the top level (`containers`, `service`, `workload.*`), named by nameOverride or the release.
Defaults are filled in here, once, so that every template reads the same normalised shape: labels and
selectorLabels (app.kubernetes.io/name + instance), and a StatefulSet's serviceName (`<name>-headless-svc`).
*/}}
{{- define "workload.workloads" -}}
{{- $all := dict -}}
{{- range $name, $w := .Values.workloads -}}
{{- $_ := set $all $name (deepCopy $w) -}}
{{- end -}}
{{- if .Values.containers -}}
{{- $name := .Values.nameOverride | default .Release.Name -}}
{{- if hasKey $all $name -}}
{{- fail (printf "workload %q is given both at the top level and under workloads" $name) -}}
{{- end -}}
{{- $_ := set $all $name (deepCopy (omit .Values "nameOverride" "namespace" "workloads" "manifests" "workload" "global")) -}}
{{- end -}}
{{- range $name, $w := $all -}}
{{- $standard := dict "app.kubernetes.io/name" $name "app.kubernetes.io/instance" $.Release.Name -}}
{{- if not (hasKey $w "labels") -}}{{- $_ := set $w "labels" (deepCopy $standard) -}}{{- end -}}
{{- if not (hasKey $w "selectorLabels") -}}{{- $_ := set $w "selectorLabels" (deepCopy $standard) -}}{{- end -}}
{{- if and (eq ($w.kind | default "Deployment") "StatefulSet") (not $w.serviceName) -}}
{{- $_ := set $w "serviceName" (printf "%s-headless-svc" $name) -}}
{{- end -}}
{{- end -}}
{{- with .Values.workload -}}
{{- $w := get $all ($.Values.nameOverride | default $.Release.Name) -}}
{{- if $w -}}
{{- $_ := set $w "labels" (merge $w.labels (default dict .labels)) -}}
{{- with .annotations -}}
{{- $_ := set $w "annotations" (merge (default dict $w.annotations) .) -}}
{{- end -}}
{{- with .containers -}}
{{- $pod := default dict $w.pod -}}
{{- $_ := set $pod "labels" (merge (default dict $pod.labels) (default dict .labels)) -}}
{{- $_ := set $pod "annotations" (merge (default dict $pod.annotations) (default dict .annotations)) -}}
{{- $_ := set $w "pod" $pod -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $all -}}
{{- end -}}

{{/*
Object metadata for an object the chart builds: name, namespace (when the values set one), the given labels
plus Helm's own two labels, and annotations when there are any. Argument: dict root, name, labels, annotations.
*/}}
{{- define "workload.metadata" -}}
name: {{ .name | quote }}
{{- with .root.Values.namespace }}
namespace: {{ . | quote }}
{{- end }}
labels:
  {{- toYaml (merge (include "workload.helmLabels" .root | fromYaml) (default dict .labels)) | nindent 2 }}
{{- with .annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Pod template labels: the workload's labels, its selector labels, `pod.labels`, and Helm's own two labels.
Argument: dict root, workload.
*/}}
{{- define "workload.podLabels" -}}
{{- $w := .workload -}}
{{- $labels := merge (include "workload.helmLabels" .root | fromYaml) (deepCopy $w.selectorLabels) (deepCopy (default dict ($w.pod).labels)) (deepCopy $w.labels) -}}
{{- toYaml $labels -}}
{{- end -}}

{{/*
The labels Helm adds to every object it renders; they replace any label of the same name from the values.
*/}}
{{- define "workload.helmLabels" -}}
helm.sh/chart: {{ include "workload.chart" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
{{- end -}}

{{/*
A pod spec container list, from a map of containers by name (rendered sorted by name) or from a list of
containers that carry their `name` (rendered in list order). `image: {name, pullPolicy}` becomes `image` and
`imagePullPolicy`.
*/}}
{{- define "workload.containers" -}}
{{- $entries := list -}}
{{- if kindIs "slice" . -}}
{{- $entries = . -}}
{{- else -}}
{{- range $name, $value := . -}}
{{- $entries = append $entries (set (deepCopy $value) "name" $name) -}}
{{- end -}}
{{- end -}}
{{- $containers := list -}}
{{- range $entries -}}
{{- $container := omit . "image" -}}
{{- $_ := set $container "image" .image.name -}}
{{- with .image.pullPolicy -}}
{{- $_ := set $container "imagePullPolicy" . -}}
{{- end -}}
{{- $containers = append $containers $container -}}
{{- end -}}
{{- toYaml $containers -}}
{{- end -}}
