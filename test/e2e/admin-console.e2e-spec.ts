import { EVENT_TYPES } from '@hub/contract';
import { OutboundMessage } from '@hub/kafka';
import { ConsoleClient } from '../support/admin-app';
import { ConsoleHub, startConsoleHub } from '../support/console-hub';
import { cloudEvent, samplePayload } from '../support/contract-events';
import { waitUntil } from '../support/e2e-env';

/**
 * The console's API on the real broker and database, with intake running: feeds, the topic browser,
 * dead letters copied by the admin's consumer, inspected masked, replayed (failing again, and
 * succeeding once intake's limit was raised), scoped to a department user's own department.
 */
describe('admin console API end to end', () => {
  let hub: ConsoleHub;
  let admin: ConsoleClient;
  let housing: ConsoleClient;

  const structured = (
    department: 'health' | 'housing' | 'civil-affairs',
    id: string,
    data = samplePayload(EVENT_TYPES.BENEFIT_GRANTED, 1),
    source?: string,
  ): OutboundMessage => {
    const m = cloudEvent(department, EVENT_TYPES.BENEFIT_GRANTED, data, id, 'structured');
    const value = source ? Buffer.from(JSON.stringify({ ...JSON.parse(m.value.toString()), source })) : m.value;
    return { topic: hub.topics.intake(department), key: m.key, value, headers: m.headers };
  };
  const deadLetters = async (c: ConsoleClient, query = '') =>
    (await c.get(`/api/dead-letters${query}`)).body.entries as any[];

  beforeAll(async () => {
    // A small value limit, so that a large but valid event is dead-lettered (OVERSIZE) until it is raised.
    hub = await startConsoleHub('admin_console', { INTAKE_MAX_VALUE_BYTES: '4096' });
    admin = await hub.user('admin', 'admin');
    housing = await hub.user('housing.clerk', 'department', 'housing');
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('shows each feed: events/s sampled over time, last event, lag of the intake group, dead letters by code', async () => {
    // A rate needs a sample before the events and one after: on a loaded machine the sampler's first
    // reads of a just-created topic can fail, and a first sample taken after the events reads as 0/s.
    await waitUntil('two samples of the health feed before anything is sent', async () => {
      const feeds = (await admin.get('/api/feeds')).body;
      return feeds.departments.find((d: { department: string }) => d.department === 'health').rates.length > 0;
    });
    const sentAt = Date.now();
    await hub.bus.publish(Array.from({ length: 30 }, (_, i) => structured('health', `ok-${i}`)));
    await hub.bus.publish([structured('health', 'spoofed-1', undefined, '/330502/civil-affairs/sys')]);
    await waitUntil(
      'the spoofed event copied as a dead letter',
      async () => (await deadLetters(admin, '?department=health')).length === 1,
    );
    let health: any;
    await waitUntil('a rate above zero and no lag on health', async () => {
      const feeds = (await admin.get('/api/feeds')).body;
      health = feeds.departments.find((d: { department: string }) => d.department === 'health');
      return (
        health.rates.some((p: { eventsPerSecond: number }) => p.eventsPerSecond > 0) &&
        health.lag.length > 0 &&
        health.lag.every((l: { lag: number }) => l.lag === 0)
      );
    });
    const feeds = (await admin.get('/api/feeds')).body;
    expect(feeds.departments.map((d: { department: string }) => d.department)).toEqual([
      'civil-affairs',
      'health',
      'education',
      'housing',
      'human-resources',
      'charity',
    ]);
    expect(health.messages).toBe(31);
    expect(health.partitions).toHaveLength(6);
    expect(Date.parse(health.lastEventAt)).toBeGreaterThanOrEqual(sentAt - 1000);
    expect(health.lag.map((l: { groupId: string }) => l.groupId)).toEqual(
      expect.arrayContaining([`${hub.namespace}intake`]),
    );
    expect(health.lag.reduce((n: number, l: { committed: string }) => n + Number(l.committed), 0)).toBe(31);
    expect(health.deadLetters).toEqual([
      { department: 'health', errorCode: 'DEPARTMENT_MISMATCH', count: 1, notReplayed: 1 },
    ]);
    const events = health.rates.reduce((n: number, p: { eventsPerSecond: number }) => n + p.eventsPerSecond, 0);
    expect(events).toBeGreaterThan(0);
    const education = feeds.departments.find((d: { department: string }) => d.department === 'education');
    expect(education).toMatchObject({ messages: 0, lastEventAt: null, deadLetters: [] });
  });

  it('browses topics and reads one message by offset with personal fields masked', async () => {
    const topics = (await admin.get('/api/topics')).body as {
      topic: string;
      partitions: { partition: number; low: string; high: string }[];
    }[];
    const health = topics.find((t) => t.topic === hub.topics.intake('health'))!;
    expect(topics.map((t) => t.topic)).toEqual(
      expect.arrayContaining([hub.topics.deadLetter, hub.topics.acceptedEvents]),
    );
    const p = health.partitions.find((x) => Number(x.high) > 0)!;
    const m = await admin.get(
      `/api/topics/${encodeURIComponent(health.topic)}/partitions/${p.partition}/messages/${p.low}`,
    );
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({
      topic: health.topic,
      partition: p.partition,
      offset: p.low,
      value: { format: 'json' },
    });
    const person = m.body.value.value.data.person;
    expect(person.name).toMatch(/^(王\*明|陳\*國)$/);
    expect(person.idNumber).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    expect(JSON.stringify(m.body)).not.toMatch(/王小明|陳建國|11010519491231002X|330502780312301/);
    expect(
      (await admin.get(`/api/topics/${encodeURIComponent(health.topic)}/partitions/${p.partition}/messages/${p.high}`))
        .status,
    ).toBe(404);
    expect((await admin.get(`/api/topics/not.a.hub.topic/partitions/0/messages/0`)).status).toBe(404);
    // A department browses its own intake topic only.
    expect((await housing.get('/api/topics')).body.map((t: { topic: string }) => t.topic)).toEqual([
      hub.topics.intake('housing'),
    ]);
    expect(
      (await housing.get(`/api/topics/${encodeURIComponent(health.topic)}/partitions/${p.partition}/messages/${p.low}`))
        .status,
    ).toBe(403);
  });

  it('keeps a department to its own feed and dead letters', async () => {
    const feeds = (await housing.get('/api/feeds')).body;
    expect(feeds.departments.map((d: { department: string }) => d.department)).toEqual(['housing']);
    expect((await housing.get('/api/feeds?department=health')).status).toBe(403);
    expect(await deadLetters(housing)).toEqual([]);
    expect((await housing.get('/api/dead-letters?department=health')).status).toBe(403);
    const [spoofed] = await deadLetters(admin, '?department=health');
    expect((await housing.get(`/api/dead-letters/${spoofed.id}`)).status).toBe(404);
    expect((await housing.post(`/api/dead-letters/${spoofed.id}/replay`)).status).toBe(404);
    expect((await admin.get('/api/dead-letters?code=not-a-code')).status).toBe(400);
    const noDepartment = await admin.post('/api/dead-letters/replay', { code: 'NOT_JSON' });
    expect([noDepartment.status, noDepartment.body.code]).toEqual([400, 'DEPARTMENT_REQUIRED']);
  });

  it('inspects a dead letter masked; a replay that fails again comes back as a new dead letter pointing to it', async () => {
    const [spoofed] = await deadLetters(admin, '?department=health&code=DEPARTMENT_MISMATCH');
    const detail = (await admin.get(`/api/dead-letters/${spoofed.id}`)).body;
    expect(detail).toMatchObject({
      id: spoofed.id,
      status: 'NEW',
      errorCode: 'DEPARTMENT_MISMATCH',
      sourceTopic: hub.topics.intake('health'),
      value: { format: 'json' },
    });
    expect(detail.headers.map((h: { name: string }) => h.name)).toEqual(
      expect.arrayContaining(['x-error-code', 'x-error-detail', 'x-source-topic', 'x-source-offset']),
    );
    expect(detail.value.value.data.person.name).toMatch(/\*/);
    expect(JSON.stringify(detail)).not.toMatch(/王小明|陳建國|11010519491231002X/);

    const replay = await admin.post(`/api/dead-letters/${spoofed.id}/replay`);
    expect(replay.body).toEqual({ replayed: 1, ids: [spoofed.id] });
    let again: any;
    await waitUntil('the replay dead-lettered again', async () => {
      again = (await deadLetters(admin, '?department=health')).find((d) => d.replayOf === spoofed.id);
      return again !== undefined;
    });
    expect(again).toMatchObject({
      errorCode: 'DEPARTMENT_MISMATCH',
      status: 'NEW',
      sourceTopic: hub.topics.intake('health'),
    });
    const replayed = (await admin.get(`/api/dead-letters/${spoofed.id}`)).body;
    expect(replayed).toMatchObject({
      status: 'FAILED_AGAIN',
      replays: 1,
      lastReplayedBy: 'admin',
      failedAgainAs: again.id,
    });
    // The replay carried no x-error header of the first failure: the new dead letter has one of each.
    const againDetail = (await admin.get(`/api/dead-letters/${again.id}`)).body;
    expect(againDetail.headers.filter((h: { name: string }) => h.name === 'x-error-code')).toHaveLength(1);
    expect(againDetail.headers.find((h: { name: string }) => h.name === 'x-hub-replay-of').value).toBe(spoofed.id);
    const audit = await hub.db.query(
      `SELECT username, action, target, detail FROM audit_log WHERE action = 'deadletter.replayed'`,
    );
    expect(audit.rows).toEqual([
      {
        username: 'admin',
        action: 'deadletter.replayed',
        target: spoofed.id,
        detail: { department: 'health', code: 'DEPARTMENT_MISMATCH', topic: hub.topics.intake('health') },
      },
    ]);
    expect(
      (
        await hub.db.query(`SELECT username, bulk FROM admin_dead_letter_replay WHERE dead_letter_id = $1`, [
          spoofed.id,
        ])
      ).rows,
    ).toEqual([{ username: 'admin', bulk: false }]);
    // The stored copy keeps the input for replay sealed (issue 12): no value in clear, each under the current key.
    const { rows: stored } = await hub.db.query(
      `SELECT count(*)::int AS n, count(message_value)::int AS clear, count(*) FILTER (WHERE value_sealed IS NOT NULL AND key_id IS NOT NULL)::int AS sealed FROM admin_dead_letter`,
    );
    expect(stored[0]).toEqual({ n: stored[0].n, clear: 0, sealed: stored[0].n });
  });

  it('replays all of one code for one department after the limit was raised: accepted, no new dead letters', async () => {
    const big = (id: string) =>
      structured('housing', id, { ...samplePayload(EVENT_TYPES.BENEFIT_GRANTED, 2), note: 'x'.repeat(6000) });
    await hub.bus.publish([big('big-1'), big('big-2'), big('big-3')]);
    await waitUntil(
      'three OVERSIZE dead letters of housing',
      async () => (await deadLetters(housing, '?code=OVERSIZE')).length === 3,
    );
    expect((await housing.get('/api/dead-letters/counts')).body).toEqual([
      { department: 'housing', errorCode: 'OVERSIZE', count: 3, notReplayed: 3 },
    ]);
    await hub.restartIntake({ INTAKE_MAX_VALUE_BYTES: String(64 * 1024) });
    // The department replays its own, after the hub's limit was raised.
    const replay = await housing.post('/api/dead-letters/replay', { code: 'OVERSIZE' });
    expect(replay.body.replayed).toBe(3);
    await waitUntil(
      'the three replayed events stored',
      async () =>
        (
          await hub.db.query(
            `SELECT count(*)::int AS n FROM intake_event WHERE event_id IN ('big-1', 'big-2', 'big-3')`,
          )
        ).rows[0].n === 3,
    );
    // Nothing new came back, and a second "replay all" finds nothing left to replay.
    await new Promise((r) => setTimeout(r, 1500));
    const letters = await deadLetters(housing);
    expect(letters.map((d) => d.status)).toEqual(['REPLAYED', 'REPLAYED', 'REPLAYED']);
    expect(letters.every((d) => d.lastReplayedBy === 'housing.clerk')).toBe(true);
    expect((await housing.post('/api/dead-letters/replay', { code: 'OVERSIZE' })).body).toEqual({
      replayed: 0,
      ids: [],
    });
    expect(
      (
        await hub.db.query(
          `SELECT username, target, detail->>'count' AS count FROM audit_log WHERE action = 'deadletter.replayed.code'`,
        )
      ).rows,
    ).toEqual([{ username: 'housing.clerk', target: 'housing/OVERSIZE', count: '3' }]);
    expect((await admin.get('/api/dead-letters?status=REPLAYED')).body.entries).toHaveLength(3);
  });
});
