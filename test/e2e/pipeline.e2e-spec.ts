import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DEPARTMENTS } from '@hub/contract';
import { MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { DetectorCycle } from '../../apps/detector/src/detector-cycle';
import { DetectorStats } from '../../apps/detector/src/detector-stats';
import { IntakeStats } from '../../apps/intake/src/intake-stats';
import { FeedMessage, GeneratedFeed, generateFeed } from '../generator/feed';
import { publishFeed } from '../generator/publish';
import { AlertScore, scoreAlerts } from '../support/alert-truth';
import { CLOCK_TIME, clockEvents } from '../support/clock-events';
import { freshDatabase, intakeEnv, newBus, startDetector, startIntake, startMatcher, uniqueName, waitUntil } from '../support/e2e-env';

/**
 * A generated county through intake, matcher and detector on the real broker and database, in a
 * namespace and database of its own; returns the stored alerts scored against the planted cases.
 */
async function runCounty(bus: MessageBus, feed: GeneratedFeed, messages: FeedMessage[]): Promise<AlertScore & { statuses: Map<string, string> }> {
  const namespace = `${uniqueName('pipe')}.`;
  const topics = new TopicNames(namespace);
  const url = await freshDatabase('pipe');
  const db = new Client({ connectionString: url });
  await db.connect();
  // The rule pack's idle span (an hour): every partition gets a clock event, none has to go idle.
  const env = intakeEnv(namespace, url);
  const apps: INestApplication[] = [await startIntake(env), await startMatcher(env), await startDetector(env)];
  try {
    await publishFeed(bus, topics, messages, { progress: false });
    await bus.publish(clockEvents(topics));
    const [intake, , detector] = apps;
    const unique = new Set(messages.map((m) => `${m.source}|${m.eventId}`)).size + clockEvents(topics).length;
    await waitUntil('every event stored', async () => intake.get(IntakeStats).total().stored >= unique, 120_000);
    await waitUntil('every event through the detector', async () => detector.get(DetectorStats).counts.events >= unique, 120_000);
    await waitUntil('event time past the 2026 windows', async () => (detector.get(DetectorCycle).lastReading.now?.getTime() ?? 0) >= Date.parse(CLOCK_TIME), 120_000);
    let last = -1;
    await waitUntil('alerts settled', async () => {
      const n = Number((await db.query('SELECT count(*)::int AS n FROM alert_history')).rows[0].n);
      const settled = n === last && n > 0;
      last = n;
      await new Promise((r) => setTimeout(r, 2000));
      return settled;
    }, 120_000);
    const statuses = new Map<string, string>((await db.query('SELECT alert_id, status FROM alert')).rows.map((r) => [r.alert_id, r.status]));
    return { ...(await scoreAlerts(db, feed)), statuses };
  } finally {
    for (const app of apps.reverse()) await app.close();
    await db.end();
  }
}

/**
 * The whole hub: a generated county (noisy identities in six departments, every rule's condition
 * fulfilled in time for ordinary households, one planted case per rule of contract section 7).
 */
describe('the pipeline, intake to alerts', () => {
  let bus: MessageBus;
  const feed = generateFeed({ seed: 17, households: 300, plantedPerRule: 1, resendShare: 0.01 });
  let inOrder: Awaited<ReturnType<typeof runCounty>>;

  beforeAll(() => {
    bus = newBus();
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('finds every planted duplicate and omission, and raises no alert that was not planted', async () => {
    inOrder = await runCounty(bus, feed, feed.messages);
    expect(inOrder.missed.map((c) => c.ruleId)).toEqual([]);
    expect(inOrder.unplanted.map((a) => `${a.ruleId} ${a.status}`)).toEqual([]);
    expect(inOrder.found).toHaveLength(11);
  });

  it('raises the same alerts when the departments arrive one after another, in reverse order', async () => {
    // Each department's own events stay in order; across departments, whole months arrive late.
    const byDepartment = [...DEPARTMENTS].reverse().flatMap((d) => feed.messages.filter((m) => m.department === d));
    const outOfOrder = await runCounty(bus, feed, byDepartment);
    expect([...outOfOrder.statuses].sort()).toEqual([...inOrder.statuses].sort());
  });
});
