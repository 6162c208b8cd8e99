import { EVENT_TYPES, EncodingMode, encodeCloudEvent } from '@hub/contract';
import { InboundMessage } from '@hub/kafka';
import { AcceptedDecode, BatchOrigin, RejectedDecode, decodeBatch, withRawJson } from './decode-batch';

const origin: BatchOrigin = {
  topic: 'intake.civil-affairs',
  partition: 3,
  department: 'civil-affairs',
  maxValueBytes: 4096,
};
const STATUS = {
  statusId: 'S-1',
  status: 'EMPLOYED',
  person: { sourcePersonId: 'MZ-P-1', name: '周时中' },
  validFrom: '2026-03-01',
  validTo: null,
};

function message(offset: string, encoded: { value: Buffer | null; headers: Record<string, string> }): InboundMessage {
  return {
    topic: origin.topic,
    partition: origin.partition,
    offset,
    key: null,
    value: encoded.value,
    headers: encoded.headers,
    timestamp: '0',
  };
}
function cloudEvent(
  offset: string,
  mode: EncodingMode = 'structured',
  fields: Record<string, unknown> = {},
): InboundMessage {
  const event = {
    id: `ev-${offset}`,
    source: '/330502/civil-affairs/dibao',
    type: EVENT_TYPES.STATUS_ASSERTED,
    time: '2026-03-02T09:00:00+08:00',
    data: STATUS,
    ...fields,
  };
  return message(offset, encodeCloudEvent(event, mode));
}
const decodeOne = (m: InboundMessage) => decodeBatch(origin, [m])[0];
const rejection = (m: InboundMessage) => {
  const r = decodeOne(m);
  expect(r.ok).toBe(false);
  return (r as RejectedDecode).code;
};

describe('decoding an intake batch', () => {
  it('accepts a valid event: its store row, payload and the event the matcher gets, all from the message and where Kafka had it', () => {
    const r = decodeOne(cloudEvent('17')) as AcceptedDecode;
    expect(r).toMatchObject({
      ok: true,
      source: '/330502/civil-affairs/dibao',
      id: 'ev-17',
      type: EVENT_TYPES.STATUS_ASSERTED,
      mode: 'structured',
      sourcePersonId: 'MZ-P-1',
    });
    expect(JSON.parse(r.dataJson)).toEqual(STATUS);
    expect(JSON.parse(r.rowJson)).toEqual({
      s: '/330502/civil-affairs/dibao',
      i: 'ev-17',
      t: EVENT_TYPES.STATUS_ASSERTED,
      d: 'civil-affairs',
      r: '330502',
      et: '2026-03-02T09:00:00+08:00',
      tp: 'intake.civil-affairs',
      p: 3,
      o: '17',
      cm: 'structured',
      f: r.qualityFlags,
    });
    expect(JSON.parse(r.eventJson)).toEqual({
      source: '/330502/civil-affairs/dibao',
      id: 'ev-17',
      type: EVENT_TYPES.STATUS_ASSERTED,
      time: '2026-03-02T09:00:00+08:00',
      department: 'civil-affairs',
      regionCode: '330502',
      mode: 'structured',
      topic: 'intake.civil-affairs',
      partition: 3,
      offset: '17',
      qualityFlags: r.qualityFlags,
      data: STATUS,
    });
  });

  it('reads binary mode as well as structured, and tells them apart', () => {
    const r = decodeOne(cloudEvent('18', 'binary-json')) as AcceptedDecode;
    expect(r).toMatchObject({ ok: true, id: 'ev-18' });
    expect(r.mode).not.toBe('structured');
    expect(JSON.parse(r.dataJson)).toEqual(STATUS);
  });

  it('gives one result per message, in order, a bad message beside good ones rejected alone', () => {
    const results = decodeBatch(origin, [
      cloudEvent('1'),
      message('2', { value: Buffer.from('{not json'), headers: { 'content-type': 'application/cloudevents+json' } }),
      cloudEvent('3'),
    ]);
    expect(results.map((r) => (r.ok ? r.id : r.code))).toEqual(['ev-1', 'NOT_JSON', 'ev-3']);
  });

  it('refuses a value over the size limit before reading it', () => {
    expect(
      rejection(cloudEvent('4', 'structured', { data: { ...STATUS, attributes: { note: 'x'.repeat(5000) } } })),
    ).toBe('OVERSIZE');
  });

  it('refuses an event whose source names another department than the topic (spoofing)', () => {
    expect(rejection(cloudEvent('5', 'structured', { source: '/330502/health/yb' }))).toBe('DEPARTMENT_MISMATCH');
  });

  it('refuses unknown types, times without an offset, missing payload fields, and empty values with their codes', () => {
    expect(rejection(cloudEvent('6', 'structured', { type: 'assist.unknown.v1' }))).toBe('UNKNOWN_TYPE');
    expect(rejection(cloudEvent('7', 'structured', { time: '2026-03-02T09:00:00' }))).toBe('INVALID_TIME');
    expect(rejection(cloudEvent('8', 'structured', { data: { ...STATUS, statusId: undefined } }))).toBe(
      'MISSING_FIELD',
    );
    expect(rejection(message('9', { value: null, headers: {} }))).toBe('EMPTY_VALUE');
  });

  it('refuses text the event store could not hold (a NUL character)', () => {
    expect(
      rejection(
        cloudEvent('10', 'structured', {
          data: { ...STATUS, person: { sourcePersonId: 'MZ-P-1', name: '周\u0000时中' } },
        }),
      ),
    ).toBe('INVALID_TEXT');
  });

  it('says which person an event names, and none for an event that names nobody', () => {
    const revoked = cloudEvent('11', 'structured', {
      type: EVENT_TYPES.BENEFIT_REVOKED,
      data: { benefitId: 'MZ-1', effective: '2026-03-01', reason: 'WRONG' },
    });
    expect(decodeOne(revoked)).toMatchObject({ ok: true, sourcePersonId: null });
  });
});

describe('JSON with a raw last property', () => {
  it('embeds already-serialised JSON as it is', () => {
    expect(JSON.parse(withRawJson({ a: 1 }, 'data', '{"b":[2]}'))).toEqual({ a: 1, data: { b: [2] } });
    expect(JSON.parse(withRawJson({}, 'data', '3'))).toEqual({ data: 3 });
  });
});
