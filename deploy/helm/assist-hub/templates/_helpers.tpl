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
{{- include "assist-hub.kafkaCaEnv" . }}
{{- end -}}

{{/* The brokers' CA file, when kafka.caSecret mounts one. */}}
{{- define "assist-hub.kafkaCaEnv" -}}
{{- if .Values.kafka.caSecret }}
  - name: KAFKA_TLS_CA_FILE
    value: /etc/assist-hub/kafka-ca/ca.pem
{{- end }}
{{- end -}}

{{/* Settings as env entries, an empty value left out (an empty setting is not an unset one: it is refused). */}}
{{- define "assist-hub.settingsEnv" -}}
{{- range $key, $value := . }}
{{- if ne (toString $value) "" }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Kafka principal of one service (hub-<service>) or of the operator (ops); nothing for oauthbearer or none. */}}
{{- define "assist-hub.kafkaEnv" -}}
{{- $root := index . 0 -}}{{- $who := index . 1 -}}
{{- if not (has $root.Values.common.KAFKA_SASL_MECHANISM (list "none" "oauthbearer" "")) }}
- name: KAFKA_SASL_USERNAME
  value: {{ index $root.Values.kafka.usernames $who | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ include "assist-hub.secretName" $root }}, key: kafka-password-{{ $who }} } }
{{- end }}
{{- end -}}

{{- define "assist-hub.volumes" -}}
volumes:
  - name: tmp
    emptyDir: {}
{{- if .Values.kafka.caSecret }}
  - name: kafka-ca
    secret: { secretName: {{ .Values.kafka.caSecret }} }
{{- end }}
{{- with .Values.extraVolumes }}
{{ toYaml . | indent 2 }}
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
{{- with .Values.extraVolumeMounts }}
{{ toYaml . | indent 2 }}
{{- end }}
{{- end -}}
