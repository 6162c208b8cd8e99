import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { generateFeed } from '../generator/feed';
import { publishFeed } from '../generator/publish';
import {
  freshDatabase,
  header,
  intakeEnv,
  newBus,
  readAcceptedEvents,
  readTopic,
  uniqueName,
  waitUntil,
} from '../support/e2e-env';
import { exited, spawnIntake } from '../support/service-process';

/**
 * Offsets are committed only after a batch is stored and published, so killing intake with SIGKILL
 * in the middle of a large backlog and starting it again must end in exact counts: every event
 * stored once, every bad message dead-lettered, every stored event handed to the matcher.
 */
describe('intake killed with SIGKILL mid-batch', () => {
  const namespace = `${uniqueName('crash')}.`;
  const topics = new TopicNames(namespace);
  let bus: MessageBus;
  let db: Client;
  let url: string;
  let intake: ChildProcess | undefined;

  beforeAll(async () => {
    url = await freshDatabase('crash');
    db = new Client({ connectionString: url });
    await db.connect();
    bus = newBus();
    await bus.ensureTopics(topics.provisioning(6));
  });

  afterAll(async () => {
    if (intake) {
      intake.kill('SIGKILL');
      await exited(intake);
    }
    await bus?.close();
    await db?.end();
  });

  it('restarts to exact counts', async () => {
    const feed = generateFeed({ seed: 99, households: 14_000, plantedPerRule: 2, resendShare: 0.02 });
    const unique = new Set(feed.messages.map((m) => `${m.source}|${m.eventId}`)).size;
    const bad = Array.from({ length: 300 }, (_, i) => ({
      topic: topics.intake('health'),
      key: `bad-${i}`,
      value: Buffer.from(`{"broken": ${i}`),
    }));
    await publishFeed(bus, topics, feed.messages, { progress: false });
    await bus.publish(bad);
    const count = async () => Number((await db.query('SELECT count(*)::int AS n FROM intake_event')).rows[0].n);

    const env = intakeEnv(namespace, url, { INTAKE_PARTITION_CONCURRENCY: '6' });
    intake = spawnIntake(env, `test-${namespace}intake-1`);
    await waitUntil('a quarter of the backlog stored', async () => (await count()) >= unique / 4, 90_000);
    intake.kill('SIGKILL');
    await exited(intake);
    const atKill = await count();
    expect(atKill).toBeLessThan(unique);

    intake = spawnIntake(env, `test-${namespace}intake-2`);
    await waitUntil(`all ${unique} events stored`, async () => (await count()) >= unique, 120_000);
    expect(await count()).toBe(unique);
    const distinct = await db.query('SELECT count(DISTINCT (source, event_id))::int AS n FROM intake_event');
    expect(distinct.rows[0].n).toBe(unique);

    // Dead letters: at least once, identified by their source coordinates; every bad message is there.
    const letters = await readTopic(bus, topics.deadLetter, bad.length, 60_000);
    const coordinates = new Set(
      letters.map(
        (l) => `${header(l, 'x-source-topic')}/${header(l, 'x-source-partition')}/${header(l, 'x-source-offset')}`,
      ),
    );
    expect(new Set(letters.map((l) => l.key!.toString())).size).toBe(bad.length);
    expect(coordinates.size).toBeGreaterThanOrEqual(bad.length);
    expect(letters.every((l) => header(l, 'x-error-code') === 'NOT_JSON')).toBe(true);

    // The matcher's feed: every stored event, some twice (a batch re-published after the kill).
    const accepted = await readAcceptedEvents(bus, topics.acceptedEvents, unique, 90_000);
    const events = new Set(accepted.map((e) => `${e.source}|${e.id}`));
    expect(events.size).toBe(unique);
    process.stderr.write(
      `crash test: ${unique} unique events, ${atKill} stored at SIGKILL, ${accepted.length} accepted messages (${accepted.length - unique} re-published), ${letters.length} dead letters for ${bad.length} bad inputs\n`,
    );
  });
});
