import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { DEPARTMENTS, Department, EVENT_TYPES } from '@hub/contract';
import { MessageBus, OutboundMessage } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { IntakeStats } from '../../apps/intake/src/intake-stats';
import { PersonalDataVault } from '@hub/identity';
import { TestMessage, cloudEvent, everyTypeFromEveryDepartment, samplePayload } from '../support/contract-events';
import {
  freshDatabase,
  header,
  intakeEnv,
  messagesIn,
  newBus,
  readAcceptedEvents,
  readTopic,
  startIntake,
  uniqueName,
  waitUntil,
} from '../support/e2e-env';
import { contractExamplesDir } from '../support/contract-examples';

const EXAMPLES = contractExamplesDir();

/** The contract's own example messages, as a department would send them. */
function contractExamples(): TestMessage[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json') && !f.startsWith('out.'))
    .map((f) => {
      const m = JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
      const department = f.split('.')[0] as Department;
      if (m.headers)
        return {
          department,
          key: m.key,
          headers: m.headers,
          value: Buffer.from(JSON.stringify(m.value)),
          source: m.headers.ce_source,
          id: m.headers.ce_id,
          type: m.headers.ce_type,
        };
      return {
        department,
        key: m.data.person?.sourcePersonId ?? m.id,
        headers: {},
        value: Buffer.from(JSON.stringify(m)),
        source: m.source,
        id: m.id,
        type: m.type,
      };
    });
}

interface BadInput {
  code: string;
  department: Department;
  value: Buffer | null;
  headers?: Record<string, string>;
}

function badInputs(): BadInput[] {
  const good = (
    id: string,
    data = samplePayload(EVENT_TYPES.BENEFIT_GRANTED, 1),
    department: Department = 'civil-affairs',
  ) => JSON.parse(cloudEvent(department, EVENT_TYPES.BENEFIT_GRANTED, data, id, 'structured').value.toString());
  const granted = samplePayload(EVENT_TYPES.BENEFIT_GRANTED, 1);
  const json = (o: unknown) => Buffer.from(JSON.stringify(o));
  return [
    { code: 'NOT_JSON', department: 'civil-affairs', value: Buffer.from('this is not json {') },
    { code: 'NOT_AN_OBJECT', department: 'health', value: Buffer.from('[1, 2, 3]') },
    {
      code: 'UNSUPPORTED_SPECVERSION',
      department: 'civil-affairs',
      value: json({ ...good('b1'), specversion: '0.3' }),
    },
    { code: 'MISSING_ATTRIBUTE', department: 'education', value: json({ ...good('b2'), id: undefined }) },
    {
      code: 'UNKNOWN_TYPE',
      department: 'civil-affairs',
      value: json({ ...good('b3'), type: 'assist.benefit.paid.v9' }),
    },
    {
      code: 'INVALID_DATE',
      department: 'civil-affairs',
      value: json(good('b4', { ...granted, period: { start: '2026-02-30', end: '2026-03-31' } })),
    },
    { code: 'INVALID_AMOUNT', department: 'civil-affairs', value: json(good('b5', { ...granted, amountFen: -500 })) },
    { code: 'DEPARTMENT_MISMATCH', department: 'civil-affairs', value: json(good('b6', granted, 'health')) },
    { code: 'OVERSIZE', department: 'housing', value: json(good('b7', { ...granted, note: 'x'.repeat(300 * 1024) })) },
    {
      code: 'PROTOBUF_DECODE_FAILED',
      department: 'human-resources',
      value: Buffer.from([0x0f, 0x01, 0x12, 0x7f, 0x41]),
      headers: {
        ce_specversion: '1.0',
        ce_id: 'b8',
        ce_source: '/330502/human-resources/jy',
        ce_type: EVENT_TYPES.BENEFIT_GRANTED,
        ce_time: '2026-03-02T08:00:00+08:00',
        'content-type': 'application/x-protobuf',
      },
    },
    { code: 'MISSING_FIELD', department: 'civil-affairs', value: json(good('b9', { ...granted, person: undefined })) },
    { code: 'INVALID_TIME', department: 'civil-affairs', value: json({ ...good('b10'), time: '2026-03-02 08:00' }) },
    { code: 'INVALID_SOURCE', department: 'charity', value: json({ ...good('b11'), source: 'charity-org-7' }) },
    { code: 'EMPTY_VALUE', department: 'charity', value: null },
    {
      code: 'UNSUPPORTED_CONTENT_TYPE',
      department: 'civil-affairs',
      value: json(good('b12')),
      headers: { 'content-type': 'text/xml' },
    },
    // No stored text can hold U+0000 or an unpaired surrogate: refused before the store, with its own code.
    { code: 'INVALID_TEXT', department: 'civil-affairs', value: json(good('b13-\u0000')) },
    {
      code: 'INVALID_TEXT',
      department: 'civil-affairs',
      value: json(good('b14', { ...granted, person: { ...(granted.person as object), name: '王\uD800' } })),
    },
    // RFC 3339 allows year 0000, PostgreSQL does not: the database refuses the row, intake dead-letters just that one.
    {
      code: 'STORE_REJECTED',
      department: 'civil-affairs',
      value: json({ ...good('b15'), time: '0000-01-01T00:00:00Z' }),
    },
  ];
}

describe('intake end to end (real Kafka, real PostgreSQL)', () => {
  const namespace = `${uniqueName('intake')}.`;
  const topics = new TopicNames(namespace);
  let bus: MessageBus;
  let app: INestApplication;
  let db: Client;

  beforeAll(async () => {
    const url = await freshDatabase('intake');
    db = new Client({ connectionString: url });
    await db.connect();
    bus = newBus();
    app = await startIntake(intakeEnv(namespace, url));
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await db?.end();
  });

  it('stores every event type of every department exactly once, dead-letters each kind of bad input with its code, and loses nothing', async () => {
    const good = [...everyTypeFromEveryDepartment(), ...contractExamples()];
    const bad = badInputs();
    const toKafka = (m: TestMessage): OutboundMessage => ({
      topic: topics.intake(m.department),
      key: m.key,
      value: m.value,
      headers: m.headers,
    });
    const badMessages = bad.map((b, i): OutboundMessage => ({
      topic: topics.intake(b.department),
      key: `bad-${i}`,
      value: b.value,
      headers: b.headers,
    }));

    // Every good event twice (the second time is the same source+id: the same event), bad ones in between.
    await bus.publish([...good.map(toKafka), ...badMessages]);
    await bus.publish(good.map(toKafka));
    const sent = good.length * 2 + bad.length;

    // A producer retry can write a message twice (at least once), so "in" is what the topics hold.
    const messagesInIntake = async () =>
      (await Promise.all(topics.allIntake.map((t) => messagesIn(bus, t)))).reduce((a, b) => a + b, 0);
    const inTopics = await messagesInIntake();
    expect(inTopics).toBeGreaterThanOrEqual(sent);
    const stats = app.get(IntakeStats);
    await waitUntil('intake to see every message', async () => stats.total().received >= inTopics);
    const total = stats.total();
    expect(total.received).toBe(inTopics);
    // events in = stored + duplicates (same source+id again) + redelivered + dead-lettered
    expect(total.stored + total.duplicates + total.redelivered + total.deadLettered).toBe(inTopics);
    expect(total.stored).toBe(good.length);
    expect(Object.keys(total.deadLetterCodes).sort()).toEqual([...new Set(bad.map((b) => b.code))].sort());

    const { rows } = await db.query(
      'SELECT department, type, content_mode, count(*)::int AS n FROM intake_event GROUP BY 1, 2, 3',
    );
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(good.length);
    for (const department of DEPARTMENTS) {
      for (const type of Object.values(EVENT_TYPES)) {
        for (const mode of ['structured', 'binary-json', 'binary-protobuf']) {
          expect({
            department,
            type,
            mode,
            stored: rows.some((r) => r.department === department && r.type === type && r.content_mode === mode),
          }).toEqual({ department, type, mode, stored: true });
        }
      }
    }
    const unique = await db.query('SELECT count(DISTINCT (source, event_id))::int AS n FROM intake_event');
    expect(unique.rows[0].n).toBe(good.length);

    // Dead letters: the input unchanged (value, key, headers) plus the contract's x- headers.
    const letters = await readTopic(bus, topics.deadLetter, total.deadLettered);
    expect(letters).toHaveLength(total.deadLettered);
    expect(new Set(letters.map((l) => l.key!.toString())).size).toBe(bad.length);
    for (const letter of letters) {
      const i = Number(letter.key!.toString().replace('bad-', ''));
      const expected = bad[i];
      expect({ i, code: header(letter, 'x-error-code') }).toEqual({ i, code: expected.code });
      expect(letter.value === null ? null : Buffer.compare(letter.value, expected.value ?? Buffer.alloc(0))).toBe(
        expected.value === null ? null : 0,
      );
      for (const [k, v] of Object.entries(expected.headers ?? {})) expect(header(letter, k)).toBe(v);
      expect(header(letter, 'x-source-topic')).toBe(topics.intake(expected.department));
      expect(Number(header(letter, 'x-source-partition'))).toBeGreaterThanOrEqual(0);
      expect(Number(header(letter, 'x-source-offset'))).toBeGreaterThanOrEqual(0);
      expect(header(letter, 'x-error-detail')!.length).toBeGreaterThan(5);
    }

    // The matcher's feed: each stored event once, parsed.
    const parsed = await readAcceptedEvents(bus, topics.acceptedEvents, total.stored + total.redelivered);
    expect(new Set(parsed.map((e) => `${e.source}|${e.id}`)).size).toBe(good.length);
    expect(parsed).toHaveLength(total.stored + total.redelivered);
    const legacy = parsed.find(
      (e) => (e.data.person as { idNumber?: string } | undefined)?.idNumber === '330502780312301',
    );
    expect(legacy?.qualityFlags).toContain('ID_LEGACY_15');
  });

  it('keeps every payload sealed at rest, openable with the key it names and the event it belongs to (issue 12)', async () => {
    const { rows } = await db.query(
      `SELECT source, event_id, data, data_sealed, key_id, quality_flags FROM intake_event`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const vault = app.get(PersonalDataVault);
    expect(rows.filter((r) => r.data !== null || !r.data_sealed || r.key_id !== vault.currentKeyId)).toEqual([]);
    const legacy = rows.find(
      (r) =>
        vault.open<{ person?: { idNumber?: string } }>(
          { keyId: r.key_id, sealed: r.data_sealed },
          `${r.source}\u0000${r.event_id}`,
        ).person?.idNumber === '330502780312301',
    );
    expect(legacy?.quality_flags).toEqual(expect.arrayContaining(['ID_LEGACY_15']));
    const { rows: clear } = await db.query(
      `SELECT count(*)::int AS n FROM intake_event WHERE position(convert_to('330502780312301', 'UTF8') IN data_sealed) > 0`,
    );
    expect(clear[0].n).toBe(0);
    // Moved onto another event's row, a sealed payload does not open.
    const [a, b] = rows;
    expect(() => vault.open({ keyId: a.key_id, sealed: a.data_sealed }, `${b.source}\u0000${b.event_id}`)).toThrow();
  });

  it('keeps data-quality problems as flags, not rejections', async () => {
    const unknown = cloudEvent(
      'health',
      EVENT_TYPES.STATUS_ASSERTED,
      { ...samplePayload(EVENT_TYPES.STATUS_ASSERTED, 900), status: 'CITY_VOLUNTEER' },
      'unknown-status-1',
      'structured',
    );
    await bus.publish([
      { topic: topics.intake('health'), key: unknown.key, value: unknown.value, headers: unknown.headers },
    ]);
    await waitUntil(
      'the unknown status to be stored',
      async () => (await db.query(`SELECT 1 FROM intake_event WHERE event_id = 'unknown-status-1'`)).rowCount === 1,
    );
    const stored = await db.query(`SELECT quality_flags FROM intake_event WHERE event_id = 'unknown-status-1'`);
    expect(stored.rows[0].quality_flags).toContain('UNKNOWN_STATUS');
  });

  it('tells each department, on its own feedback topic, what it sent that could not be accepted or was accepted with flags (contract 8)', async () => {
    const bad = badInputs();
    const read = async (d: Department) =>
      (await readTopic(bus, topics.feedback(d), await messagesIn(bus, topics.feedback(d)), 10_000)).map((m) => ({
        key: m.key?.toString(),
        ...JSON.parse(m.value!.toString()),
      }));
    // At least once: a batch intake processed again (a rebalance) tells again; a department dedupes by position.
    const told = (
      await Promise.all(DEPARTMENTS.map(async (d) => (await read(d)).map((f) => ({ department: d, ...f }))))
    ).flat();
    const feedback = [
      ...new Map(told.map((f) => [`${f.data.topic}:${f.data.partition}:${f.data.offset}`, f])).values(),
    ];
    expect(feedback.every((f) => f.type === 'assist.feedback.v1' && f.source === '/hub/intake')).toBe(true);
    // Every dead letter of the first test, on the feedback topic of the department whose topic it came in on.
    const deadLettered = feedback.filter((f) => f.data.outcome === 'DEAD_LETTERED');
    // (A producer retry may have written an input twice, as the first test allows: each kind once at least, none else.)
    expect([...new Set(deadLettered.map((f) => `${f.department} ${f.data.codes[0]}`))].sort()).toEqual(
      [...new Set(bad.map((b) => `${b.department} ${b.code}`))].sort(),
    );
    expect(deadLettered.length).toBeGreaterThanOrEqual(bad.length);
    expect(deadLettered.find((f) => f.data.codes[0] === 'PROTOBUF_DECODE_FAILED')?.data).toMatchObject({
      source: '/330502/human-resources/jy',
      eventId: 'b8',
      sourcePersonId: expect.stringMatching(/^bad-/),
    });
    expect(deadLettered.find((f) => f.data.codes[0] === 'NOT_JSON')?.data).toMatchObject({
      source: null,
      eventId: null,
      topic: topics.intake('civil-affairs'),
    });
    // Accepted with flags: a 15-digit ID number, an unknown status; in Chinese, what to correct.
    const flagged = feedback.filter((f) => f.data.outcome === 'ACCEPTED_WITH_FLAGS');
    expect(flagged.find((f) => f.data.codes.includes('ID_LEGACY_15'))?.data.detail).toContain('15 位旧身份证号');
    expect(flagged.find((f) => f.data.eventId === 'unknown-status-1')).toMatchObject({
      department: 'health',
      data: { codes: expect.arrayContaining(['UNKNOWN_STATUS']) },
    });
    // No ID number in the clear in anything a department is told.
    expect(feedback.filter((f) => /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/.test(JSON.stringify(f.data)))).toEqual([]);
  });

  it('refuses to change or delete a stored event (append-only)', async () => {
    await expect(
      db.query(`UPDATE intake_event SET type = 'x' WHERE seq = (SELECT min(seq) FROM intake_event)`),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM intake_event')).rejects.toThrow(/append-only/);
  });
});
