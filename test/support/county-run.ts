import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { OutboundMessage } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { DetectorCycle } from '../../apps/detector/src/detector-cycle';
import { DetectorStats } from '../../apps/detector/src/detector-stats';
import { IntakeStats } from '../../apps/intake/src/intake-stats';
import { FeedMessage, GeneratedFeed } from '../generator/feed';
import { AlertScore, scoreAlerts } from './alert-truth';
import { CLOCK_TIME, clockEvents } from './clock-events';
import { freshDatabase, intakeEnv, startDetector, startIntake, startMatcher, uniqueName, waitUntil } from './e2e-env';

/** How a county's feed reaches the intake topics, and what the services are started with besides the defaults. */
export interface CountyRunOptions {
  /** Publishes the department messages, then the clock events (both on the namespace's intake topics). */
  publish(topics: TopicNames, messages: FeedMessage[], clock: OutboundMessage[]): Promise<void>;
  /** Runs once the namespace is chosen, before any service starts (an operator's provisioning). */
  beforeStart?: (topics: TopicNames, namespace: string) => Promise<void>;
  /** Settings for each service (a principal of its own on a secured broker), over intakeEnv's. */
  serviceEnv?: (
    service: 'intake' | 'matcher' | 'detector',
    namespace: string,
    databaseUrl: string,
  ) => Record<string, string>;
}

export type CountyResult = AlertScore & { statuses: Map<string, string> };

/**
 * A generated county through intake, matcher and detector on a real broker and database, in a
 * namespace and database of its own; returns the stored alerts scored against the planted cases.
 */
export async function runCounty(
  feed: GeneratedFeed,
  messages: FeedMessage[],
  options: CountyRunOptions,
): Promise<CountyResult> {
  const namespace = `${uniqueName('pipe')}.`;
  const topics = new TopicNames(namespace);
  const url = await freshDatabase('pipe');
  const db = new Client({ connectionString: url });
  await db.connect();
  // The rule pack's idle span (an hour): every partition gets a clock event, none has to go idle.
  const env = (service: 'intake' | 'matcher' | 'detector') => ({
    ...intakeEnv(namespace, url),
    ...options.serviceEnv?.(service, namespace, url),
  });
  const apps: INestApplication[] = [];
  try {
    await options.beforeStart?.(topics, namespace);
    apps.push(
      await startIntake(env('intake')),
      await startMatcher(env('matcher')),
      await startDetector(env('detector')),
    );
    const clock = clockEvents(topics);
    await options.publish(topics, messages, clock);
    const [intake, , detector] = apps;
    const unique = new Set(messages.map((m) => `${m.source}|${m.eventId}`)).size + clock.length;
    await waitUntil('every event stored', async () => intake.get(IntakeStats).total().stored >= unique, 120_000);
    await waitUntil(
      'every event through the detector',
      async () => detector.get(DetectorStats).counts.events >= unique,
      120_000,
    );
    await waitUntil(
      'event time past the 2026 windows',
      async () => (detector.get(DetectorCycle).lastReading.now?.getTime() ?? 0) >= Date.parse(CLOCK_TIME),
      120_000,
    );
    let last = -1;
    await waitUntil(
      'alerts settled',
      async () => {
        const n = Number((await db.query('SELECT count(*)::int AS n FROM alert_history')).rows[0].n);
        const settled = n === last && n > 0;
        last = n;
        await new Promise((r) => setTimeout(r, 2000));
        return settled;
      },
      120_000,
    );
    const statuses = new Map<string, string>(
      (await db.query('SELECT alert_id, status FROM alert')).rows.map((r) => [r.alert_id, r.status]),
    );
    return { ...(await scoreAlerts(db, feed)), statuses };
  } finally {
    for (const app of apps.reverse()) await app.close();
    await db.end();
  }
}
