import { DEPARTMENTS, Department } from './catalogues';
import { IntakeRejection } from './error-codes';
import { parseSource } from './source-path';
import { isRfc3339 } from './validators';

export type ContentMode = 'structured' | 'binary-json' | 'binary-protobuf';

/** A CloudEvent whose envelope passed contract section 2; `data` is still unvalidated. */
export interface DecodedCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  department: Department;
  regionCode: string;
  mode: ContentMode;
  /** JSON object, or protobuf bytes still to be decoded once the type is known. */
  data: Record<string, unknown> | Uint8Array;
}

export type KafkaHeaders = Record<string, Buffer | string | undefined | (Buffer | string)[]>;

const KNOWN_DEPARTMENTS: ReadonlySet<string> = new Set(DEPARTMENTS);

export function headerText(headers: KafkaHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : first.toString('utf8');
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    // The parser's message quotes the input, which may be a person's name or ID number: the place only (issue 12).
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new IntakeRejection('NOT_JSON', `${what} is not valid JSON${at ? ` (at character ${at})` : ''}`);
  }
}

function requireAttribute(value: unknown, name: string): string {
  if (value === undefined || value === null || value === '')
    throw new IntakeRejection('MISSING_ATTRIBUTE', `attribute "${name}" is missing`);
  if (typeof value !== 'string') throw new IntakeRejection('MISSING_ATTRIBUTE', `attribute "${name}" must be a string`);
  return value;
}

/**
 * Checks the envelope against the topic it arrived on. `topicDepartment` comes from the topic name,
 * never from the message, so a department cannot write into another's feed by naming it in `source`.
 */
function checkEnvelope(
  attrs: { specversion: unknown; id: unknown; source: unknown; type: unknown; time: unknown },
  topicDepartment: string,
  knownTypes: ReadonlySet<string>,
): Omit<DecodedCloudEvent, 'mode' | 'data'> {
  const specversion = requireAttribute(attrs.specversion, 'specversion');
  if (specversion !== '1.0')
    throw new IntakeRejection('UNSUPPORTED_SPECVERSION', `specversion "${specversion}" is not "1.0"`);
  const id = requireAttribute(attrs.id, 'id');
  const source = requireAttribute(attrs.source, 'source');
  const type = requireAttribute(attrs.type, 'type');
  const time = requireAttribute(attrs.time, 'time');
  if (id.length > 256) throw new IntakeRejection('MISSING_ATTRIBUTE', 'attribute "id" is longer than 256 characters');
  const path = parseSource(source);
  if (!path || !KNOWN_DEPARTMENTS.has(path.department)) {
    throw new IntakeRejection(
      'INVALID_SOURCE',
      `source "${source.slice(0, 120)}" is not /<region>/<department>/<system> with a contract department`,
    );
  }
  if (path.department !== topicDepartment) {
    throw new IntakeRejection(
      'DEPARTMENT_MISMATCH',
      `source department "${path.department}" arrived on the ${topicDepartment} topic`,
    );
  }
  if (!knownTypes.has(type))
    throw new IntakeRejection('UNKNOWN_TYPE', `type "${type.slice(0, 120)}" is not a contract event type`);
  if (!isRfc3339(time))
    throw new IntakeRejection('INVALID_TIME', `time "${time.slice(0, 60)}" is not RFC 3339 with an offset`);
  return {
    specversion: '1.0',
    id,
    source,
    type,
    time,
    department: path.department as Department,
    regionCode: path.region,
  };
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase() || undefined;
}

/** Contract section 2: the two modes of the CloudEvents Kafka protocol binding. */
export function decodeCloudEvent(
  value: Buffer | null,
  headers: KafkaHeaders,
  topicDepartment: string,
  knownTypes: ReadonlySet<string>,
): DecodedCloudEvent {
  if (!value || value.length === 0) throw new IntakeRejection('EMPTY_VALUE', 'message has no value');
  const contentType = mediaType(headerText(headers, 'content-type'));

  if (headerText(headers, 'ce_specversion') !== undefined) {
    const envelope = checkEnvelope(
      {
        specversion: headerText(headers, 'ce_specversion'),
        id: headerText(headers, 'ce_id'),
        source: headerText(headers, 'ce_source'),
        type: headerText(headers, 'ce_type'),
        time: headerText(headers, 'ce_time'),
      },
      topicDepartment,
      knownTypes,
    );
    if (contentType === 'application/x-protobuf' || contentType === 'application/protobuf') {
      return { ...envelope, mode: 'binary-protobuf', data: value };
    }
    if (contentType === undefined || contentType === 'application/json') {
      const data = parseJson(value, 'binary-mode data');
      if (!data || typeof data !== 'object' || Array.isArray(data))
        throw new IntakeRejection('NOT_AN_OBJECT', 'binary-mode data is not a JSON object');
      return { ...envelope, mode: 'binary-json', data: data as Record<string, unknown> };
    }
    throw new IntakeRejection(
      'UNSUPPORTED_CONTENT_TYPE',
      `binary-mode content-type "${String(contentType).slice(0, 80)}" is not application/json or application/x-protobuf`,
    );
  }

  if (contentType !== undefined && contentType !== 'application/cloudevents+json') {
    throw new IntakeRejection(
      'UNSUPPORTED_CONTENT_TYPE',
      `structured-mode content-type "${contentType}" is not application/cloudevents+json`,
    );
  }
  const event = parseJson(value, 'value');
  if (!event || typeof event !== 'object' || Array.isArray(event))
    throw new IntakeRejection('NOT_AN_OBJECT', 'value is not a JSON object');
  const attrs = event as Record<string, unknown>;
  const envelope = checkEnvelope(attrs as never, topicDepartment, knownTypes);
  const dct = mediaType(attrs.datacontenttype as string | undefined);
  if (dct !== undefined && dct !== 'application/json') {
    throw new IntakeRejection('UNSUPPORTED_CONTENT_TYPE', `datacontenttype "${dct}" is not application/json`);
  }
  const data = attrs.data;
  if (data === undefined || data === null)
    throw new IntakeRejection('MISSING_ATTRIBUTE', 'attribute "data" is missing');
  if (typeof data !== 'object' || Array.isArray(data))
    throw new IntakeRejection('NOT_AN_OBJECT', '"data" is not a JSON object');
  return { ...envelope, mode: 'structured', data: data as Record<string, unknown> };
}
