import fc from 'fast-check';
import {
  DEPARTMENTS,
  Department,
  EVENT_TYPES,
  EncodingMode,
  ID_TYPES,
  INTAKE_ERROR_CODES,
  IntakeErrorCode,
  PROGRAMS,
  STATUSES,
  encodeCloudEvent,
} from '@hub/contract';
import { checkDigit } from '@hub/identity';

/**
 * Messages for the contract fuzz test (test/e2e/contract-fuzz.e2e-spec.ts), drawn by fast-check from a
 * seed: every shape contract v1 allows (every event type, structured and binary modes, every idType
 * with ID numbers of length 0-64, odd Unicode, optional fields absent, boundary dates) and broken ones,
 * each broken one with the dead-letter code intake must give it.
 */
export interface FuzzMessage {
  department: Department;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** What was drawn, for a failure report (no real personal data: all of it is generated). */
  shape: string;
  valid?: { source: string; id: string; type: string; person?: { sourcePersonId: string } };
  broken?: { code: IntakeErrorCode; marker: string };
}

/** Intake's INTAKE_MAX_VALUE_BYTES in the fuzz run: small, so oversize messages stay cheap. */
export const FUZZ_MAX_VALUE_BYTES = 16 * 1024;

// Odd but storable text: traditional and astral Han, minority separators, combining marks, emoji with
// joiners, right-to-left marks, full-width forms, quotes and backslashes.
const ODD_UNITS = [
  '王',
  '小',
  '明',
  '欧',
  '阳',
  '陳',
  '國',
  '買',
  '提',
  '·',
  '•',
  '.',
  ' ',
  '　',
  '𠀀',
  '𪚥',
  'é',
  'e\u0301',
  '👩‍👩‍👧',
  '\u200B',
  '\u202E',
  '\uFEFF',
  'Ｌ',
  'ｉ',
  '"',
  '\\',
  "'",
  '<',
  '\t',
  '\n',
  'ß',
  'İ',
];
const oddText = (minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...ODD_UNITS), { minLength, maxLength }).map((u) => u.join(''));
const name = fc.oneof(
  fc.constantFrom('王小明', '欧阳翠花', '买买提·艾力', '陳建國', 'LI Lei', '王 小明'),
  oddText(1, 20),
);
const ID_UNITS = [...'0123456789', 'X', 'x', 'E', 'G', 'U', 'S', 'A', '１', 'Ｘ', ' ', '-', '·', '王', '😀'];
const idNumberOfLength = (n: number) =>
  fc.array(fc.constantFrom(...ID_UNITS), { minLength: n, maxLength: n }).map((u) => u.join(''));
const residentId = fc
  .array(fc.constantFrom(...'0123456789'), { minLength: 17, maxLength: 17 })
  .chain((d) => fc.constantFrom(checkDigit(d.join('')), 'X', '0').map((c) => `33${d.join('').slice(2)}${c}`));
const idNumber = fc.oneof(
  residentId,
  fc.constantFrom(
    'E12345678',
    'G1234567',
    'USA110079091502',
    '911156198001010018',
    '810000199001011234',
    '330502800101123',
  ),
  fc.integer({ min: 0, max: 64 }).chain(idNumberOfLength),
);
const contractDate = fc.oneof(
  fc.constantFrom('0001-01-01', '1900-01-01', '1970-01-01', '2024-02-29', '2025-12-31', '9999-12-31'),
  fc
    .date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const rfc3339 = fc.oneof(
  fc.constantFrom(
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '2024-02-29T23:59:60+08:00',
    '2026-03-02T08:00:00.123456+08:00',
    '2026-12-31T23:59:59-12:00',
    '9999-12-31T23:59:59Z',
  ),
  fc
    .date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);
/** A pool of department records, so the same person recurs across events and departments. */
const sourcePersonId = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map((n) => `FZ-P-${n}`),
  oddText(1, 10),
);

const person = fc.record(
  {
    sourcePersonId,
    idType: fc.constantFrom(...ID_TYPES, 'DRIVING_LICENCE'),
    idNumber,
    name,
    gender: fc.constantFrom('M', 'F', 'U'),
    birthDate: contractDate,
    phone: fc.oneof(fc.constantFrom('13800000000', '+86 138-0000-1234', '0572-2345678', '12345'), oddText(0, 12)),
    address: oddText(0, 40),
    hukouRegion: fc.constantFrom('330502', '330503', '990101', '3305', ''),
  },
  { requiredKeys: ['sourcePersonId', 'name'] },
);
const household = fc.record(
  {
    householdId: fc.integer({ min: 1, max: 150 }).map((n) => `FZ-H-${n}`),
    role: fc.constantFrom('HEAD', 'SPOUSE', 'CHILD', 'OTHER'),
  },
  { requiredKeys: ['householdId'] },
);
const ref = (prefix: string) => fc.integer({ min: 1, max: 2000 }).map((n) => `${prefix}-${n}`);
const orderedPeriod = fc
  .tuple(contractDate, contractDate)
  .map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a }));
const attributes = fc.dictionary(
  fc.constantFrom(
    'ableToWork',
    'level',
    'stage',
    'outOfPocketFen',
    'admissionRef',
    'disasterId',
    'houseDamage',
    '奇怪',
  ),
  fc.oneof(
    fc.boolean(),
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.constantFrom('COMPULSORY', 'COLLAPSED', 'HOSP-1'),
    oddText(0, 8),
  ),
);

const payloads: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  [EVENT_TYPES.BENEFIT_GRANTED]: fc.record(
    {
      benefitId: ref('FZ-B'),
      program: fc.constantFrom(...PROGRAMS, 'UNKNOWN_PROGRAM'),
      person,
      household,
      amountFen: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      period: orderedPeriod,
      cause: fc.record(
        { kind: fc.constantFrom('HOSPITALIZATION', 'FIRE', 'OTHER', 'UNHEARD_OF'), ref: ref('FZ-C') },
        { requiredKeys: ['kind'] },
      ),
      regionCode: fc.constantFrom('330502', '330503'),
    },
    { requiredKeys: ['benefitId', 'program', 'person', 'period'] },
  ),
  [EVENT_TYPES.BENEFIT_REVOKED]: fc.record(
    { benefitId: ref('FZ-B'), effective: contractDate, reason: oddText(0, 20) },
    { requiredKeys: ['benefitId', 'effective'] },
  ),
  [EVENT_TYPES.BENEFIT_RECOVERED]: fc.record(
    {
      benefitId: ref('FZ-B'),
      amountFen: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      recoveredAt: rfc3339,
      reason: oddText(0, 20),
    },
    { requiredKeys: ['benefitId', 'amountFen', 'recoveredAt'] },
  ),
  [EVENT_TYPES.STATUS_ASSERTED]: fc.record(
    {
      statusId: ref('FZ-S'),
      status: fc.constantFrom(...STATUSES, 'UNKNOWN_STATUS'),
      person,
      household,
      validFrom: fc.constant('2026-01-01'),
      validTo: fc.oneof(fc.constant(null), fc.constantFrom('2026-01-01', '2026-06-30', '9999-12-31')),
      attributes,
    },
    { requiredKeys: ['statusId', 'status', 'person', 'validFrom'] },
  ),
  [EVENT_TYPES.STATUS_ENDED]: fc.record({ statusId: ref('FZ-S'), validTo: contractDate }),
  [EVENT_TYPES.APPLICATION_RECEIVED]: fc.record(
    {
      applicationId: ref('FZ-A'),
      person,
      household,
      program: fc.constantFrom('TEMPORARY', 'CHARITY_EMERGENCY'),
      receivedAt: rfc3339,
      channel: fc.constantFrom('WINDOW', 'PHONE', 'PROXY', 'ONLINE'),
      reason: oddText(0, 30),
    },
    { requiredKeys: ['applicationId', 'person', 'program', 'receivedAt', 'channel'] },
  ),
  [EVENT_TYPES.APPLICATION_VERIFIED]: fc.record({ applicationId: ref('FZ-A'), verifiedAt: rfc3339 }),
  [EVENT_TYPES.APPLICATION_DECIDED]: fc.record(
    {
      applicationId: ref('FZ-A'),
      decision: fc.constantFrom('APPROVED', 'REJECTED'),
      decidedAt: rfc3339,
      referral: fc.record({
        source: fc.constantFrom('/330503/civil-affairs/window', '/330502/civil-affairs/sys'),
        applicationId: ref('FZ-A'),
      }),
    },
    { requiredKeys: ['applicationId', 'decision', 'decidedAt'] },
  ),
  [EVENT_TYPES.APPLICATION_REFERRED]: fc.record({
    applicationId: ref('FZ-A'),
    toDepartment: fc.constantFrom(...DEPARTMENTS),
    need: oddText(1, 30),
    referredAt: rfc3339,
  }),
};

interface Draft {
  department: Department;
  type: string;
  mode: EncodingMode;
  data: Record<string, unknown>;
  time: string;
  system: string;
  keyed: boolean;
}

const draft: fc.Arbitrary<Draft> = fc
  .record({
    department: fc.constantFrom(...DEPARTMENTS),
    type: fc.constantFrom(...Object.values(EVENT_TYPES)),
    mode: fc.constantFrom<EncodingMode>('structured', 'binary-json', 'binary-protobuf'),
    time: rfc3339,
    system: fc.constantFrom('sys', 'dibao', 'CF-01', 'a.b~c_d'),
    keyed: fc.boolean(),
  })
  .chain((d) => payloads[d.type].map((data) => ({ ...d, data })));

const sourceOf = (d: Draft) => `/${d.department === 'charity' ? '330502' : '330503'}/${d.department}/${d.system}`;
const REQUIRED: Record<string, string[]> = {
  [EVENT_TYPES.BENEFIT_GRANTED]: ['benefitId', 'program', 'person', 'period'],
  [EVENT_TYPES.BENEFIT_REVOKED]: ['benefitId', 'effective'],
  [EVENT_TYPES.BENEFIT_RECOVERED]: ['benefitId', 'amountFen', 'recoveredAt'],
  [EVENT_TYPES.STATUS_ASSERTED]: ['statusId', 'status', 'person', 'validFrom'],
  [EVENT_TYPES.STATUS_ENDED]: ['statusId', 'validTo'],
  [EVENT_TYPES.APPLICATION_RECEIVED]: ['applicationId', 'person', 'program', 'receivedAt', 'channel'],
  [EVENT_TYPES.APPLICATION_VERIFIED]: ['applicationId', 'verifiedAt'],
  [EVENT_TYPES.APPLICATION_DECIDED]: ['applicationId', 'decision', 'decidedAt'],
  [EVENT_TYPES.APPLICATION_REFERRED]: ['applicationId', 'toDepartment', 'need', 'referredAt'],
};

function encoded(d: Draft, id: string): { value: Buffer; headers: Record<string, string> } {
  return encodeCloudEvent({ id, source: sourceOf(d), type: d.type, time: d.time, data: d.data }, d.mode);
}

function structured(d: Draft, id: string, change: (event: Record<string, unknown>) => void): Buffer {
  const event: Record<string, unknown> = {
    specversion: '1.0',
    id,
    source: sourceOf(d),
    type: d.type,
    time: d.time,
    datacontenttype: 'application/json',
    data: d.data,
  };
  change(event);
  return Buffer.from(JSON.stringify(event));
}

/** One way to break a message, and the code intake must dead-letter it with. */
type Breaker = (
  d: Draft,
  id: string,
) => { code: IntakeErrorCode; value: Buffer | null; headers?: Record<string, string>; how: string };

const BREAKERS: Breaker[] = [
  (d, id) => ({ code: 'NOT_JSON', value: structured(d, id, () => undefined).subarray(0, 40), how: 'truncated JSON' }),
  (_d, _id) => ({
    code: 'NOT_JSON',
    value: Buffer.from([0xff, 0xfe, 0x7b, 0x00]),
    how: 'bytes that are not UTF-8 JSON',
  }),
  (_d, _id) => ({ code: 'NOT_AN_OBJECT', value: Buffer.from('[1,2,3]'), how: 'a JSON array' }),
  (_d, _id) => ({ code: 'EMPTY_VALUE', value: null, how: 'a tombstone' }),
  (d, id) => ({
    code: 'OVERSIZE',
    value: structured(d, id, (e) => ((e.data as Record<string, unknown>).padding = 'x'.repeat(FUZZ_MAX_VALUE_BYTES))),
    how: 'oversize',
  }),
  (d, id) => ({
    code: 'UNSUPPORTED_SPECVERSION',
    value: structured(d, id, (e) => (e.specversion = '0.3')),
    how: 'specversion 0.3',
  }),
  (d, id) => ({ code: 'MISSING_ATTRIBUTE', value: structured(d, id, (e) => delete e.id), how: 'no id' }),
  (d, id) => ({ code: 'MISSING_ATTRIBUTE', value: structured(d, id, (e) => delete e.data), how: 'no data' }),
  (d, id) => ({
    code: 'MISSING_ATTRIBUTE',
    value: structured(d, id, (e) => (e.time = 20260302)),
    how: 'time as a number',
  }),
  (d, id) => ({
    code: 'INVALID_SOURCE',
    value: structured(d, id, (e) => (e.source = 'civil-affairs')),
    how: 'source not a path',
  }),
  (d, id) => ({
    code: 'DEPARTMENT_MISMATCH',
    value: structured(d, id, (e) => (e.source = `/330502/${d.department === 'health' ? 'housing' : 'health'}/sys`)),
    how: 'another department on this topic',
  }),
  (d, id) => ({
    code: 'UNKNOWN_TYPE',
    value: structured(d, id, (e) => (e.type = 'assist.benefit.paid.v9')),
    how: 'unknown type',
  }),
  (d, id) => ({
    code: 'INVALID_TIME',
    value: structured(d, id, (e) => (e.time = '2026-03-02 08:00')),
    how: 'time without offset',
  }),
  (d, id) => ({
    code: 'UNSUPPORTED_CONTENT_TYPE',
    value: structured(d, id, () => undefined),
    headers: { 'content-type': 'text/xml' },
    how: 'content-type text/xml',
  }),
  (d, id) => ({
    code: 'PROTOBUF_DECODE_FAILED',
    value: Buffer.from([0x0f, 0x01, 0x12, 0x7f, 0x41]),
    headers: { ...encoded({ ...d, mode: 'binary-protobuf' }, id).headers },
    how: 'protobuf that is not one',
  }),
  (d, id) => ({
    code: 'MISSING_FIELD',
    value: structured(d, id, (e) => delete (e.data as Record<string, unknown>)[REQUIRED[d.type][0]]),
    how: `no ${REQUIRED[d.type][0]}`,
  }),
  (d, id) => ({
    code: 'INVALID_FIELD',
    value: structured(d, id, (e) => ((e.data as Record<string, unknown>)[REQUIRED[d.type][0]] = 12345)),
    how: `${REQUIRED[d.type][0]} as a number`,
  }),
  (d, id) => ({
    code: 'INVALID_DATE',
    value: structured(
      { ...d, type: EVENT_TYPES.STATUS_ENDED },
      id,
      (e) => (e.data = { statusId: 'FZ-S-1', validTo: '2026-02-30' }),
    ),
    how: 'February 30th',
  }),
  (d, id) => ({
    code: 'INVALID_AMOUNT',
    value: structured(
      { ...d, type: EVENT_TYPES.BENEFIT_GRANTED },
      id,
      (e) =>
        (e.data = {
          benefitId: 'FZ-B-1',
          program: 'DIBAO',
          person: { sourcePersonId: 'FZ-P-1', name: '王小明' },
          period: { start: '2026-01-01', end: '2026-01-31' },
          amountFen: -1,
        }),
    ),
    how: 'negative amount',
  }),
  (d, id) => ({
    code: 'INVALID_TEXT',
    value: structured(
      { ...d, type: EVENT_TYPES.BENEFIT_REVOKED },
      id,
      (e) => (e.data = { benefitId: 'FZ-B-1', effective: '2026-01-01', reason: 'a\u0000b' }),
    ),
    how: 'NUL in text',
  }),
  (d, id) => ({
    code: 'INVALID_TEXT',
    value: structured(
      { ...d, type: EVENT_TYPES.STATUS_ENDED },
      id,
      (e) => (e.data = { statusId: 'FZ-S-\uD800', validTo: '2026-01-01' }),
    ),
    how: 'unpaired surrogate in text',
  }),
  (d, id) => ({
    code: 'STORE_REJECTED',
    value: structured(d, id, (e) => (e.time = '0000-01-01T00:00:00Z')),
    how: 'year 0000, which PostgreSQL refuses',
  }),
];

/**
 * `count` messages from `seed`, about one in five broken. Every id and every broken key is unique, so
 * each valid event is stored once and each dead letter found by its key.
 */
export function fuzzMessages(seed: number, count: number): FuzzMessage[] {
  const drafts = fc.sample(
    fc.tuple(draft, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: BREAKERS.length - 1 })),
    { seed, numRuns: count },
  );
  return drafts.map(([d, roll, breaker], i): FuzzMessage => {
    const id = `fz-${seed}-${i}`;
    const shape = `${d.department} ${d.type} ${d.mode}`;
    if (roll === 0) {
      const marker = `bad-${seed}-${i}`;
      const broken = BREAKERS[breaker](d, id);
      return {
        department: d.department,
        key: marker,
        value: broken.value,
        headers: broken.headers ?? (broken.value ? { 'content-type': 'application/cloudevents+json' } : {}),
        shape: `${shape}, broken: ${broken.how}`,
        broken: { code: broken.code, marker },
      };
    }
    const { value, headers } = encoded(d, id);
    const p = d.data.person as { sourcePersonId: string } | undefined;
    return {
      department: d.department,
      key: d.keyed ? (p?.sourcePersonId ?? id) : null,
      value,
      headers,
      shape,
      valid: { source: sourceOf(d), id, type: d.type, person: p && { sourcePersonId: p.sourcePersonId } },
    };
  });
}

export const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(INTAKE_ERROR_CODES));
