import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_EVENT_TYPES } from './catalogues';
import { decodeCloudEvent } from './cloudevent';
import { encodeCloudEvent } from './cloudevent-encoding';
import { IntakeRejection } from './error-codes';
import { validatePayload } from './payload-validation';
import { encodeProtobufPayload } from './protobuf';
import { contractExamplesDir } from '../../../test/support/contract-examples';

const KNOWN = new Set(ALL_EVENT_TYPES);
const EXAMPLES = contractExamplesDir();
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));

function rejection(fn: () => unknown): IntakeRejection {
  try {
    fn();
  } catch (e) {
    if (e instanceof IntakeRejection) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('decodeCloudEvent: structured mode', () => {
  const event = example('civil-affairs.benefit-granted.dibao.json');
  const value = Buffer.from(JSON.stringify(event));

  it('accepts a contract example with or without the content-type header', () => {
    for (const headers of [{}, { 'content-type': 'application/cloudevents+json; charset=utf-8' }]) {
      const decoded = decodeCloudEvent(value, headers, 'civil-affairs', KNOWN);
      expect(decoded).toMatchObject({
        id: event.id,
        source: event.source,
        type: event.type,
        department: 'civil-affairs',
        mode: 'structured',
        regionCode: '330502',
      });
      expect(decoded.data).toEqual(event.data);
    }
  });

  it('rejects a source of another department as spoofed', () => {
    expect(rejection(() => decodeCloudEvent(value, {}, 'health', KNOWN)).code).toBe('DEPARTMENT_MISMATCH');
  });

  it.each([
    ['NOT_JSON', Buffer.from('{"specversion": "1.0",')],
    ['NOT_AN_OBJECT', Buffer.from('[1,2]')],
    ['UNSUPPORTED_SPECVERSION', Buffer.from(JSON.stringify({ ...event, specversion: '0.3' }))],
    ['MISSING_ATTRIBUTE', Buffer.from(JSON.stringify({ ...event, id: undefined }))],
    ['MISSING_ATTRIBUTE', Buffer.from(JSON.stringify({ ...event, data: undefined }))],
    ['INVALID_SOURCE', Buffer.from(JSON.stringify({ ...event, source: 'civil-affairs' }))],
    ['UNKNOWN_TYPE', Buffer.from(JSON.stringify({ ...event, type: 'assist.benefit.paid.v9' }))],
    ['INVALID_TIME', Buffer.from(JSON.stringify({ ...event, time: '2026-03-01 08:00' }))],
    ['INVALID_TIME', Buffer.from(JSON.stringify({ ...event, time: '2026-02-30T08:00:00+08:00' }))],
    ['EMPTY_VALUE', Buffer.alloc(0)],
  ])('rejects with %s', (code, bad) => {
    expect(rejection(() => decodeCloudEvent(bad, {}, 'civil-affairs', KNOWN)).code).toBe(code);
  });

  it('rejects a structured message with a foreign content-type', () => {
    expect(
      rejection(() => decodeCloudEvent(value, { 'content-type': 'text/plain' }, 'civil-affairs', KNOWN)).code,
    ).toBe('UNSUPPORTED_CONTENT_TYPE');
  });
});

describe('decodeCloudEvent: binary mode', () => {
  const binary = example('human-resources.binary-mode.benefit-granted.json');
  const headers = binary.headers as Record<string, string>;

  it('reads attributes from ce_ headers and JSON data from the value', () => {
    const decoded = decodeCloudEvent(Buffer.from(JSON.stringify(binary.value)), headers, 'human-resources', KNOWN);
    expect(decoded).toMatchObject({ id: 'r-0002', source: '/330502/human-resources/jy', mode: 'binary-json' });
    expect(validatePayload(decoded.type, decoded.data)).toEqual(binary.value);
  });

  it('decodes protobuf data to the same payload as its JSON form', () => {
    const bytes = encodeProtobufPayload('assist.v1.BenefitGranted', binary.value);
    const decoded = decodeCloudEvent(
      Buffer.from(bytes),
      { ...headers, 'content-type': 'application/x-protobuf' },
      'human-resources',
      KNOWN,
    );
    expect(decoded.mode).toBe('binary-protobuf');
    expect(validatePayload(decoded.type, decoded.data)).toEqual(binary.value);
  });

  it('keeps status attributes (google.protobuf.Struct) and an open validTo through protobuf', () => {
    const status = example('health.status-asserted.hospitalized.json').data;
    const open = { ...status, validTo: null };
    const bytes = encodeProtobufPayload('assist.v1.StatusAsserted', open);
    const payload = validatePayload('assist.status.asserted.v1', bytes);
    expect(payload.attributes).toEqual(status.attributes);
    expect(payload.validTo).toBeUndefined();
  });

  it('rejects protobuf garbage with PROTOBUF_DECODE_FAILED', () => {
    // Field 1 with wire type 7, which does not exist, then a length running past the end.
    const garbage = Buffer.from([0x0f, 0x01, 0x12, 0x7f, 0x41]);
    const decoded = decodeCloudEvent(
      garbage,
      { ...headers, 'content-type': 'application/x-protobuf' },
      'human-resources',
      KNOWN,
    );
    expect(rejection(() => validatePayload(decoded.type, decoded.data)).code).toBe('PROTOBUF_DECODE_FAILED');
  });

  it('rejects a missing ce_id, and an unknown data content type', () => {
    const value = Buffer.from(JSON.stringify(binary.value));
    expect(rejection(() => decodeCloudEvent(value, { ...headers, ce_id: '' }, 'human-resources', KNOWN)).code).toBe(
      'MISSING_ATTRIBUTE',
    );
    expect(
      rejection(() =>
        decodeCloudEvent(value, { ...headers, 'content-type': 'application/xml' }, 'human-resources', KNOWN),
      ).code,
    ).toBe('UNSUPPORTED_CONTENT_TYPE');
  });

  it('reads headers given as Buffers, as Kafka delivers them', () => {
    const asBuffers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(decodeCloudEvent(Buffer.from(JSON.stringify(binary.value)), asBuffers, 'human-resources', KNOWN).id).toBe(
      'r-0002',
    );
  });
});

describe('encodeCloudEvent and decodeCloudEvent', () => {
  const event = example('health.status-asserted.hospitalized.json');
  it.each(['structured', 'binary-json', 'binary-protobuf'] as const)('round-trip in %s mode', (mode) => {
    const { value, headers } = encodeCloudEvent(
      { id: event.id, source: event.source, type: event.type, time: event.time, data: event.data },
      mode,
    );
    const decoded = decodeCloudEvent(value, headers, 'health', KNOWN);
    expect(decoded).toMatchObject({ id: event.id, source: event.source, type: event.type, time: event.time, mode });
    expect(validatePayload(decoded.type, decoded.data)).toEqual(event.data);
  });
});
