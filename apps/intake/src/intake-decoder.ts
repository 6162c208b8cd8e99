import { ALL_EVENT_TYPES, DecodedCloudEvent, decodeCloudEvent, IntakeErrorCode, IntakeRejection, QualityFlag, payloadFlags, validatePayload } from '@hub/contract';
import { InboundMessage } from '@hub/kafka';

const KNOWN_TYPES: ReadonlySet<string> = new Set(ALL_EVENT_TYPES);

export interface AcceptedMessage {
  ok: true;
  message: InboundMessage;
  event: Omit<DecodedCloudEvent, 'data'> & { data: Record<string, unknown> };
  /** The payload serialised once, reused by the event store and the matcher's feed. */
  dataJson: string;
  qualityFlags: QualityFlag[];
}

export interface RejectedMessage {
  ok: false;
  message: InboundMessage;
  code: IntakeErrorCode;
  detail: string;
}

export type DecodeOutcome = AcceptedMessage | RejectedMessage;

/**
 * Everything intake knows about one Kafka message, without I/O. Never throws: whatever is wrong
 * with the input becomes a rejection with a stable code, so one poison message cannot stall a partition.
 */
export function decodeIntakeMessage(
  message: InboundMessage,
  topicDepartment: string,
  maxValueBytes: number,
): DecodeOutcome {
  try {
    if (message.value && message.value.length > maxValueBytes) {
      throw new IntakeRejection('OVERSIZE', `value is ${message.value.length} bytes, more than ${maxValueBytes}`);
    }
    const envelope = decodeCloudEvent(message.value, message.headers, topicDepartment, KNOWN_TYPES);
    const data = validatePayload(envelope.type, envelope.data);
    return { ok: true, message, event: { ...envelope, data }, dataJson: JSON.stringify(data), qualityFlags: payloadFlags(data) };
  } catch (e) {
    if (e instanceof IntakeRejection) return { ok: false, message, code: e.code, detail: e.detail };
    // A bug in our own decoding must not lose the message either: it goes to the dead letters too.
    return { ok: false, message, code: 'INVALID_FIELD', detail: `unexpected: ${(e as Error).message}`.slice(0, 300) };
  }
}

/** JSON of `fields` with a last property holding already-serialised JSON: no second pass over the payload. */
export function withRawJson(fields: object, name: string, rawJson: string): string {
  const head = JSON.stringify(fields);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(name)}:${rawJson}}`;
}
