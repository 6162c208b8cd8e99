{{- define "assist-hub.fullname" -}}
{{- printf "%s-assist-hub" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "assist-hub.labels" -}}
app.kubernetes.io/name: assist-hub
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "assist-hub.secretName" -}}
{{- if .Values.secrets.create -}}{{ include "assist-hub.fullname" . }}-credentials{{- else -}}{{ required "secrets.existingSecret is required when secrets.create is false" .Values.secrets.existingSecret }}{{- end -}}
{{- end -}}

{{/* Environment every pod shares: the common settings, the service token and the data keys. */}}
{{- define "assist-hub.commonEnv" -}}
envFrom:
  - configMapRef:
      name: {{ include "assist-hub.fullname" . }}-common
env:
  - name: HUB_SERVICE_TOKEN
    valueFrom: { secretKeyRef: { name: {{ include "assist-hub.secretName" . }}, key: service-token } }
  - name: HUB_DATA_KEYS
    valueFrom: { secretKeyRef: { name: {{ include "assist-hub.secretName" . }}, key: data-keys } }
{{- end -}}

{{/* Kafka principal of one service (hub-<service>) or of the operator (ops). */}}
{{- define "assist-hub.kafkaEnv" -}}
{{- $root := index . 0 -}}{{- $who := index . 1 -}}
- name: KAFKA_SASL_USERNAME
  value: {{ index $root.Values.kafka.usernames $who | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ include "assist-hub.secretName" $root }}, key: kafka-password-{{ $who }} } }
{{- end -}}

{{- define "assist-hub.volumes" -}}
volumes:
  - name: tmp
    emptyDir: {}
{{- if .Values.kafka.caSecret }}
  - name: kafka-ca
    secret: { secretName: {{ .Values.kafka.caSecret }} }
{{- end }}
{{- end -}}

{{- define "assist-hub.volumeMounts" -}}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- if .Values.kafka.caSecret }}
  - name: kafka-ca
    mountPath: /etc/assist-hub/kafka-ca
    readOnly: true
{{- end }}
{{- end -}}
