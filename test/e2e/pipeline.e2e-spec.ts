import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DEPARTMENTS, EVENT_TYPES, encodeCloudEvent } from '@hub/contract';
import { TopicNames } from '@hub/topics';
import { DetectorCycle } from '../../apps/detector/src/detector-cycle';
import { DetectorStats } from '../../apps/detector/src/detector-stats';
import { IntakeStats } from '../../apps/intake/src/intake-stats';
import { generateFeed } from '../generator/feed';
import { publishFeed } from '../generator/publish';
import { scoreAlerts } from '../support/alert-truth';
import { freshDatabase, intakeEnv, newBus, startDetector, startIntake, startMatcher, uniqueName, waitUntil } from '../support/e2e-env';
import { MessageBus } from '@hub/kafka';

/**
 * The whole hub on the real broker and database: a generated county (noisy identities in six
 * departments, every rule's condition fulfilled in time for ordinary households, one planted case per
 * rule of contract section 7) through intake, matcher and detector. Every planted case must be found,
 * and nothing else raised.
 */
describe('the pipeline, intake to alerts', () => {
  const namespace = `${uniqueName('pipe')}.`;
  const topics = new TopicNames(namespace);
  const apps: INestApplication[] = [];
  let bus: MessageBus;
  let db: Client;

  beforeAll(async () => {
    const url = await freshDatabase('pipe');
    db = new Client({ connectionString: url });
    await db.connect();
    bus = newBus();
    // Idle span: longer than a partition can wait in the matcher while a replay burst runs, short enough for a test.
    const env = intakeEnv(namespace, url, { DETECTOR_IDLE_SPAN_SECONDS: '10' });
    apps.push(await startIntake(env), await startMatcher(env), await startDetector(env));
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await bus?.close();
    await db?.end();
  });

  it('finds every planted duplicate and omission, and raises no alert that was not planted', async () => {
    const feed = generateFeed({ seed: 17, households: 300, plantedPerRule: 1, resendShare: 0.01 });
    await publishFeed(bus, topics, feed.messages);
    // Then every department says something in mid-2027 that concerns no rule, so event time passes
    // every window of the 2026 feed (a planted omission due in 2027 would otherwise rightly wait).
    await bus.publish(DEPARTMENTS.map((d) => {
      const clock = encodeCloudEvent({
        id: `clock-${d}`, source: `/330502/${d}/clock`, type: EVENT_TYPES.STATUS_ASSERTED, time: '2027-06-30T12:00:00+08:00',
        data: { statusId: `clock-${d}`, status: 'EMPLOYED', person: { sourcePersonId: `clock-${d}`, name: '周时中' }, validFrom: '2027-06-30', validTo: null },
      }, 'structured');
      return { topic: topics.intake(d), key: `clock-${d}`, value: clock.value, headers: clock.headers };
    }));
    const [intake, , detector] = apps;
    const unique = new Set(feed.messages.map((m) => `${m.source}|${m.eventId}`)).size + DEPARTMENTS.length;
    await waitUntil('every event stored', async () => intake.get(IntakeStats).total().stored >= unique, 120_000);
    await waitUntil('every event through the detector', async () => detector.get(DetectorStats).counts.events >= unique, 120_000);
    // Quiet partitions stop holding event time back after the idle span; then it reaches the clock events.
    await waitUntil('event time past the 2026 windows', async () => (detector.get(DetectorCycle).lastReading.now?.getTime() ?? 0) >= Date.parse('2027-06-30T04:00:00Z'), 120_000);
    let last = -1;
    await waitUntil('alerts settled', async () => {
      const n = Number((await db.query('SELECT count(*)::int AS n FROM alert_history')).rows[0].n);
      const settled = n === last && n > 0;
      last = n;
      await new Promise((r) => setTimeout(r, 2000));
      return settled;
    }, 120_000);

    const score = await scoreAlerts(db, feed);
    expect(score.missed.map((c) => c.ruleId)).toEqual([]);
    expect(score.unplanted.map((a) => `${a.ruleId} ${a.status}`)).toEqual([]);
    expect(score.found).toHaveLength(11);
  });
});
