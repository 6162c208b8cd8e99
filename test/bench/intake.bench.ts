/**
 * Intake throughput on the local broker and database (not a test: it prints figures).
 *   deploy/hub.sh bench:intake [--events 200000] [--instances 2] [--backlog-only]
 * 1. starts the intake service (its own process, as in production) on an empty namespace and database;
 * 2. produces N generated events and times produce-start → all N stored in PostgreSQL;
 * 3. on the same topics, times a bare kafkajs consumer that does nothing with the messages;
 * 4. prints events/s for both, their ratio, and intake's peak resident memory.
 */
import { ChildProcess } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { freePort } from '@hub/persistence';
import { TopicNames } from '@hub/topics';
import { generateFeed } from '../generator/feed';
import { publishFeed } from '../generator/publish';
import { freshDatabase, intakeEnv, kafkaBrokers, newBus, uniqueName, waitUntil } from '../support/e2e-env';
import { exited, peakRssMb, spawnIntake } from '../support/service-process';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function rawConsumeRate(topics: string[], expected: number): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: kafkaBrokers(), logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({
    groupId: uniqueName('bench-raw'),
    maxBytesPerPartition: 2 * 1024 * 1024,
    maxBytes: 16 * 1024 * 1024,
  });
  await consumer.connect();
  for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachBatch: async ({ batch }) => {
      if (!first) first = Date.now();
      seen += batch.messages.length;
      last = Date.now();
    },
  });
  await waitUntil('the raw consumer to read everything', async () => seen >= expected, 300_000);
  await consumer.disconnect();
  return seen / Math.max(0.001, (last - first) / 1000);
}

async function main(): Promise<void> {
  const events = flag('events', 200_000);
  // Two by default: on 2 cores intake is bound by its main thread, so a second process in the group adds ~60%.
  const instances = flag('instances', 2);
  const namespace = `${uniqueName('bench')}.`;
  const topics = new TopicNames(namespace);
  const bus = newBus('bench');
  await bus.ensureTopics(topics.provisioning(6));
  const url = await freshDatabase('bench');
  const db = new Client({ connectionString: url });
  await db.connect();

  let started = Date.now();
  const feed = generateFeed({ seed: 2026, households: Math.ceil(events / 2.3), plantedPerRule: 0 });
  if (feed.messages.length < events)
    throw new Error(`generator gave ${feed.messages.length} events, fewer than ${events}; raise the household count`);
  const messages = feed.messages.slice(0, events);
  const unique = new Set(messages.map((m) => `${m.source}|${m.eventId}`)).size;
  const bytes = messages.reduce((n, m) => n + m.value.length, 0);
  process.stderr.write(
    `generated ${messages.length} events (${unique} unique, ${(bytes / messages.length).toFixed(0)} bytes on average) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );

  // Progress from intake's own counters (cheap); the store is counted once at the end.
  const count = async () => Number((await db.query('SELECT count(*)::int AS n FROM intake_event')).rows[0].n);
  interface Instance {
    child: ChildProcess;
    port: number;
  }
  const storedSoFar = async (group: Instance[]) => {
    let n = 0;
    for (const i of group)
      n += ((await (await fetch(`http://127.0.0.1:${i.port}/intake/stats`)).json()) as { total: { stored: number } })
        .total.stored;
    return n;
  };
  const waitStored = async (group: Instance[], target: number) => {
    let lastReport = 0;
    await waitUntil(
      'every event stored',
      async () => {
        const n = await storedSoFar(group);
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          process.stderr.write(`stored ${n}/${target}\n`);
        }
        return n >= target;
      },
      600_000,
    );
    const inStore = await count();
    if (inStore !== target) throw new Error(`intake counted ${target} stored but the store holds ${inStore}`);
  };
  // `instances` intake processes in one consumer group, as a deployment scales intake out.
  const startGroup = async (label: string): Promise<Instance[]> => {
    const group: Instance[] = [];
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      const child = spawnIntake(
        intakeEnv(namespace, url, { INTAKE_HTTP_PORT: String(port), INTAKE_GROUP_ID: `${namespace}${label}` }),
        `bench-${namespace}${label}-${i}`,
      );
      group.push({ child, port });
    }
    for (const i of group)
      await waitUntil(
        'intake ready',
        async () => (await fetch(`http://127.0.0.1:${i.port}/ready`).catch(() => undefined))?.ok === true,
        60_000,
      );
    return group;
  };
  const stopGroup = async (group: Instance[]) => {
    const rss = group.reduce((sum, i) => sum + peakRssMb(i.child.pid!), 0);
    for (const i of group) i.child.kill('SIGTERM');
    for (const i of group) await exited(i.child);
    return rss;
  };

  // Live: intake idle and waiting, the producer starts, the clock stops when the last event is stored.
  const backlogOnly = process.argv.includes('--backlog-only');
  const live = backlogOnly ? [] : await startGroup('intake-live');
  started = Date.now();
  // Intake does not read event time: several chunks in flight, as fast as the producer goes.
  const produceRate = await publishFeed(bus, topics, messages, { inFlight: 4 });
  const produced = Date.now();
  if (!backlogOnly) await waitStored(live, unique);
  const stored = Date.now();
  const storedRate = unique / ((stored - started) / 1000);
  const liveRss = await stopGroup(live);

  // Backlog: the same events already in Kafka, a new group and an empty store; intake alone on the CPU.
  await db.query('DROP TRIGGER intake_event_no_truncate ON intake_event');
  await db.query('TRUNCATE intake_event');
  const backlog = await startGroup('intake-backlog');
  const backlogStarted = Date.now();
  await waitStored(backlog, unique);
  const backlogRate = unique / ((Date.now() - backlogStarted) / 1000);
  const backlogRss = await stopGroup(backlog);

  const rawRate = await rawConsumeRate(topics.allIntake, messages.length);
  await bus.close();
  await db.end();

  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
  process.stdout.write('\nintake benchmark (2-core machine; broker, database and intake on the same host)\n');
  line('events', String(messages.length));
  line('intake instances (one consumer group)', String(instances));
  line(
    'produce rate (generator -> Kafka)',
    `${produceRate.toFixed(0)} events/s (${((produced - started) / 1000).toFixed(1)} s)`,
  );
  line(
    'intake: produce start -> all stored',
    `${storedRate.toFixed(0)} events/s (${((stored - started) / 1000).toFixed(1)} s)`,
  );
  line('raw kafkajs consume, no processing', `${rawRate.toFixed(0)} events/s`);
  line('ratio intake (live) / raw', (storedRate / rawRate).toFixed(2));
  line(
    'intake draining a backlog (alone on the CPU)',
    `${backlogRate.toFixed(0)} events/s (ratio to raw ${(backlogRate / rawRate).toFixed(2)})`,
  );
  line(
    'intake peak resident memory (all instances)',
    `${liveRss.toFixed(0)} MB live, ${backlogRss.toFixed(0)} MB backlog`,
  );
  line('targets', '>= 20000 events/s stored, ratio >= 0.3');
}

main().catch((e) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
