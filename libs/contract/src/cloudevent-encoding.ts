import { PAYLOAD_TYPES } from './payloads';
import { encodeProtobufPayload } from './protobuf';

export type EncodingMode = 'structured' | 'binary-json' | 'binary-protobuf';

export interface CloudEventAttributes {
  id: string;
  source: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

/**
 * A CloudEvent as a Kafka value and headers, in any of the three forms contract section 2 accepts.
 * The producer side of decodeCloudEvent: used by the generator, the tests and department SDKs.
 */
export function encodeCloudEvent(
  event: CloudEventAttributes,
  mode: EncodingMode,
): { value: Buffer; headers: Record<string, string> } {
  const { id, source, type, time, data } = event;
  if (mode === 'structured') {
    return {
      value: Buffer.from(
        JSON.stringify({ specversion: '1.0', id, source, type, time, datacontenttype: 'application/json', data }),
      ),
      headers: { 'content-type': 'application/cloudevents+json' },
    };
  }
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: id,
    ce_source: source,
    ce_type: type,
    ce_time: time,
  };
  if (mode === 'binary-json')
    return { value: Buffer.from(JSON.stringify(data)), headers: { ...headers, 'content-type': 'application/json' } };
  const proto = PAYLOAD_TYPES[type as keyof typeof PAYLOAD_TYPES]?.proto;
  if (!proto) throw new Error(`no protobuf message for type ${type}`);
  return {
    value: Buffer.from(encodeProtobufPayload(proto, data)),
    headers: { ...headers, 'content-type': 'application/x-protobuf' },
  };
}
