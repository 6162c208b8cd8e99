import { ALL_EVENT_TYPES, ContentMode, IntakeErrorCode, IntakeRejection, QualityFlag, decodeCloudEvent, payloadFlags, validatePayload } from '@hub/contract';

const KNOWN_TYPES: ReadonlySet<string> = new Set(ALL_EVENT_TYPES);

/**
 * One partition batch as it crosses to a decode worker: plain data only. Values are packed into one
 * buffer (transferred, not copied) with a length each, -1 for a message without a value.
 */
export interface DecodeRequest {
  topic: string;
  partition: number;
  department: string;
  maxValueBytes: number;
  offsets: string[];
  headers: Record<string, string>[];
  values: Uint8Array;
  lengths: Int32Array;
}

export interface AcceptedDecode {
  ok: true;
  source: string;
  id: string;
  type: string;
  mode: ContentMode;
  qualityFlags: QualityFlag[];
  /** The event store row, as JSON for json_to_recordset. */
  rowJson: string;
  /** AcceptedEvent without storeSeq and receivedAt, which the store assigns. */
  eventJson: string;
}

export interface RejectedDecode {
  ok: false;
  code: IntakeErrorCode;
  detail: string;
}

export type DecodeResult = AcceptedDecode | RejectedDecode;

/** JSON of `fields` with a last property holding already-serialised JSON: no second pass over the payload. */
export function withRawJson(fields: object, name: string, rawJson: string): string {
  const head = JSON.stringify(fields);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(name)}:${rawJson}}`;
}

/**
 * Everything intake learns about one message, without I/O. Never throws: whatever is wrong with the
 * input becomes a rejection with a stable code, so one poison message cannot stall a partition.
 */
function decodeOne(req: DecodeRequest, value: Buffer | null, headers: Record<string, string>, offset: string): DecodeResult {
  try {
    if (value && value.length > req.maxValueBytes) {
      throw new IntakeRejection('OVERSIZE', `value is ${value.length} bytes, more than ${req.maxValueBytes}`);
    }
    const e = decodeCloudEvent(value, headers, req.department, KNOWN_TYPES);
    const data = validatePayload(e.type, e.data);
    const dataJson = JSON.stringify(data);
    const qualityFlags = payloadFlags(data);
    const rowJson = withRawJson(
      { s: e.source, i: e.id, t: e.type, d: e.department, r: e.regionCode, et: e.time, tp: req.topic, p: req.partition, o: offset, cm: e.mode, f: qualityFlags },
      'dt',
      dataJson,
    );
    const eventJson = withRawJson(
      { source: e.source, id: e.id, type: e.type, time: e.time, department: e.department, regionCode: e.regionCode, mode: e.mode, topic: req.topic, partition: req.partition, offset, qualityFlags },
      'data',
      dataJson,
    );
    return { ok: true, source: e.source, id: e.id, type: e.type, mode: e.mode, qualityFlags, rowJson, eventJson };
  } catch (e) {
    if (e instanceof IntakeRejection) return { ok: false, code: e.code, detail: e.detail };
    // A bug in our own decoding must not lose the message either: it goes to the dead letters too.
    return { ok: false, code: 'INVALID_FIELD', detail: `unexpected: ${(e as Error).message}`.slice(0, 300) };
  }
}

export function decodeBatch(req: DecodeRequest): DecodeResult[] {
  const packed = Buffer.from(req.values.buffer, req.values.byteOffset, req.values.byteLength);
  const results: DecodeResult[] = new Array(req.offsets.length);
  let at = 0;
  for (let i = 0; i < req.offsets.length; i++) {
    const length = req.lengths[i];
    const value = length < 0 ? null : packed.subarray(at, at + length);
    if (length > 0) at += length;
    results[i] = decodeOne(req, value, req.headers[i], req.offsets[i]);
  }
  return results;
}
