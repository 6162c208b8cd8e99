/**
 * The whole pipeline on the local broker and database (not a test: it prints figures).
 *   deploy/hub.sh bench:e2e [--events 1000000] [--rate 1000] [--seconds 60] [--warmup 0]
 * intake, matcher and detector run as their own processes, as deployed.
 * 1. throughput: a generated county of about `events` events with planted cases (every rule of
 *    contract section 7) is produced; sustained events/s is unique events over the time from the first
 *    produce to the detector having applied the last one; then alerts are scored against the planted
 *    cases (precision, recall); then reviewers who know the truth settle every open review pair through the
 *    matcher's API and the alerts ever raised as confirmed claims are scored again (PROVISIONAL ones are raised or
 *    withdrawn once their pair is settled);
 * 2. latency: another county, on a hub of its own (namespace, database, services: phase 1's backlog,
 *    records and event time must not weigh on it), is produced at a fixed `rate` events/s for
 *    `seconds`; for every planted duplicate, the time from producing the event that completes it to
 *    its alert on alerts.duplicate (p50, p99). Omissions are due when their window closes, not when an
 *    event arrives: no latency. With it, the CPU seconds of each process while the feed was paced, the events
 *    the detector had not reached when the feed ended (a backlog: the hub ran below the rate) and each service's
 *    time by step, so a latency far above the target shows where the time went.
 * Peak resident memory of each service at the end of each phase.
 *   --phase throughput|latency runs one phase only; --keep leaves phase 1's database for diagnosis.
 *   --instances N runs N matchers and N detectors (1 to 6), each kind one consumer group; step times are summed.
 */
import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { MessageBus } from '@hub/kafka';
import { freePort } from '@hub/persistence';
import { TopicNames } from '@hub/topics';
import { FeedMessage, generateFeed } from '../generator/feed';
import { publishFeed } from '../generator/publish';
import { AlertScore, scoreAlerts } from '../support/alert-truth';
import { groupLag } from '../support/consumer-lag';
import { CLOCK_TIME, clockEvents } from '../support/clock-events';
import { freshDatabase, kafkaBrokers, newBus, uniqueName, waitUntil } from '../support/e2e-env';
import { cpuAccount, exited, peakRssMb, spawnService } from '../support/service-process';
import { printStatements, statementStats } from '../support/statement-stats';
import { asHubService } from '../support/service-token';
import { settleReviewsByTruth } from '../support/truth-reviewer';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
/**
 * Matchers and detectors per hub, each kind one consumer group sharing the 6 partitions (issue 11's horizontal
 * scale): on 2 cores a second process links or evaluates while the first waits for PostgreSQL.
 */
const INSTANCES = flag('instances', 1);
if (!Number.isInteger(INSTANCES) || INSTANCES < 1 || INSTANCES > 6)
  throw new Error(`--instances must be a whole number from 1 to 6 (the topics' partitions), not ${INSTANCES}`);
/** Events the generator makes per household, about: used to size the county. */
const EVENTS_PER_HOUSEHOLD = 2.5;
/** Events per stretch whose rates are compared, the first with the last: 100k (the issue's measure), a tenth of a smaller run. */
const stretchOf = (events: number) => Math.min(100_000, Math.max(1000, Math.round(events / 10 / 1000) * 1000));

interface Service {
  name: 'intake' | 'matcher' | 'detector';
  child: ChildProcess;
  port: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface BenchHub {
  topics: TopicNames;
  url: string;
  db: Client;
  services: Service[];
  /** The instances of one service, in start order. */
  instances(name: Service['name']): Service[];
  /** The /stats of each instance of a service. */
  statsOf(name: Service['name']): Promise<any[]>;
  /** A figure of a service's /stats summed over its instances. */
  total(name: Service['name'], read: (stats: any) => number): Promise<number>;
  memory(): string[];
  stop(): Promise<void>;
}

const running: Service[] = [];
process.on('exit', () => running.forEach((s) => s.child.kill('SIGKILL')));
// Stopped by a signal (Ctrl-C, hub.sh stopping it), the services go too: they outlived the benchmark before.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

/** Intake, matcher and detector as their own processes, on a topic namespace and database of their own. */
async function startHub(bus: MessageBus, label: string): Promise<BenchHub> {
  const namespace = `${uniqueName(label)}.`;
  const topics = new TopicNames(namespace);
  await bus.ensureTopics(topics.provisioning(6));
  const url = await freshDatabase(label);
  const db = new Client({ connectionString: url });
  await db.connect();
  const services: Service[] = [];
  const base = {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    DATABASE_URL: url,
    TOPIC_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
  };
  for (const name of ['intake', 'matcher', 'detector'] as const) {
    const count = name === 'intake' ? 1 : INSTANCES;
    for (let i = 1; i <= count; i++) {
      const port = await freePort();
      // The rule pack's idle span (an hour), as deployed: a backlog waiting in the matcher must not make
      // partitions look silent. Clock events after the feed move every partition past its windows.
      const env = {
        ...base,
        [`${name.toUpperCase()}_HTTP_PORT`]: String(port),
        [`${name.toUpperCase()}_GROUP_ID`]: `${namespace}${name}`,
      };
      const logName = `bench-${namespace}${name}${count > 1 ? `-${i}` : ''}`;
      services.push({ name, child: spawnService(name, env, logName), port });
    }
  }
  running.push(...services);
  const stats = async (s: Service, path: string) =>
    (await fetch(`http://127.0.0.1:${s.port}${path}`, { headers: asHubService() })).json() as Promise<any>;
  for (const s of services)
    await waitUntil(
      `${s.name} ready`,
      async () => (await fetch(`http://127.0.0.1:${s.port}/ready`).catch(() => undefined))?.ok === true,
      120_000,
    );
  const instances = (name: Service['name']) => services.filter((s) => s.name === name);
  const statsOf = (name: Service['name']) => Promise.all(instances(name).map((s) => stats(s, `/${name}/stats`)));
  const numbered = (s: Service) => {
    const same = instances(s.name);
    return same.length > 1 ? `${s.name} ${same.indexOf(s) + 1}` : s.name;
  };
  return {
    topics,
    url,
    db,
    services,
    instances,
    statsOf,
    total: async (name, read) => (await statsOf(name)).reduce((sum, each) => sum + read(each), 0),
    memory: () => services.map((s) => `${numbered(s)} ${peakRssMb(s.child.pid!).toFixed(0)} MB`),
    stop: async () => {
      for (const s of services) s.child.kill('SIGTERM');
      for (const s of services) await exited(s.child);
      await db.end();
    },
  };
}

const servicesLine = (hub: BenchHub) =>
  `${(['intake', 'matcher', 'detector'] as const).map((name) => `${name} ${hub.instances(name).length}`).join(', ')} (each kind one consumer group)`;

/** Events the detectors have dealt with, all instances together. */
const detectorEvents = (hub: BenchHub) => hub.total('detector', (s) => s.counts.events as number);

/**
 * The matcher's and detector's time by step, summed over instances, with how many transactions it took: a step's
 * cost per chunk or cycle says more than its total when the batches grow or shrink with the load.
 */
async function stepTimes(hub: BenchHub): Promise<{ matcher: StepTimes; detector: StepTimes }> {
  const summed = async (
    name: 'matcher' | 'detector',
    counted: { unit: [string, string]; items: [string, string] },
    noted: Record<string, string> = {},
  ): Promise<StepTimes> => {
    const [unit, unitLabel] = counted.unit;
    const [items, itemsLabel] = counted.items;
    const ms: Record<string, number> = {};
    let transactions = 0;
    let handled = 0;
    const notes: Record<string, number> = {};
    for (const each of await hub.statsOf(name)) {
      for (const [step, spent] of Object.entries(each.phaseMs as Record<string, number>))
        ms[step] = (ms[step] ?? 0) + spent;
      transactions += Number(each.counts?.[unit] ?? 0);
      handled += Number(each.counts?.[items] ?? 0);
      for (const [count, label] of Object.entries(noted))
        notes[label] = (notes[label] ?? 0) + Number(each.counts?.[count] ?? 0);
    }
    return { ms, transactions, handled, unit: unitLabel, items: itemsLabel, notes };
  };
  return {
    matcher: await summed(
      'matcher',
      { unit: ['chunkRuns', 'chunk transactions'], items: ['records', 'records'] },
      { runAgain: 'run again after a lost race or a deadlock' },
    ),
    detector: await summed('detector', { unit: ['cycles', 'cycles'], items: ['events', 'events'] }),
  };
}

interface StepTimes {
  ms: Record<string, number>;
  /** Chunk transactions (matcher) or detection cycles (detector), and the records or events they handled. */
  transactions: number;
  handled: number;
  /** What the transactions and the handled are, as printed. */
  unit: string;
  items: string;
  /** Counts printed beside them, by what they count. */
  notes: Record<string, number>;
}

const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(48)} ${value}\n`);

/** The alert history stops growing: the detector has said what it has to say about what it was given. */
async function alertsSettled(db: Client): Promise<void> {
  let last = -1;
  await waitUntil(
    'alerts settled',
    async () => {
      await new Promise((r) => setTimeout(r, 3000));
      const n = Number((await db.query('SELECT count(*)::int AS n FROM alert_history')).rows[0].n);
      const settled = n === last;
      last = n;
      return settled;
    },
    600_000,
  );
}

interface Reviewed {
  tally: Awaited<ReturnType<typeof settleReviewsByTruth>>;
  seconds: number;
  score: AlertScore;
}

/**
 * After the feed, reviewers who know the truth settle every open pair through the matcher's API (as township
 * workers would in the console), and the alerts are scored again once the detector has dealt with the decisions:
 * PROVISIONAL alerts are raised or withdrawn, and precision is over what was ever raised as a confirmed claim.
 */
async function reviewByTruth(bus: MessageBus, hub: BenchHub, feed: ReturnType<typeof generateFeed>): Promise<Reviewed> {
  const started = Date.now();
  const matcherUrl = `http://127.0.0.1:${hub.instances('matcher')[0].port}`;
  const tally = await settleReviewsByTruth(matcherUrl, feed, (t) =>
    say(`reviewers have settled ${t.same + t.different} pairs (${t.same} the same person, ${t.different} different)`),
  );
  const seconds = (Date.now() - started) / 1000;
  const detectorGroup = `${hub.topics.namespace}detector`;
  await waitUntil(
    "the reviewers' decisions through the detector",
    async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const ends = await bus.topicOffsets(hub.topics.linkedEvents);
      const committed = await bus.groupOffsets([hub.topics.linkedEvents], (g) => g === detectorGroup);
      return groupLag(ends, committed) === 0;
    },
    600_000,
  );
  await alertsSettled(hub.db);
  return { tally, seconds, score: await scoreAlerts(hub.db, feed) };
}

/** An alert not planted, with the real persons behind it (`--explain`). */
const explained = (a: AlertScore['alerts'][number]) =>
  `    ${a.ruleId} ${a.status}${a.joinsPeople ? ' [joins people]' : ''}${a.underReview ? ' [under review]' : ''} real persons ${[...a.truePersons].join(',')}: ${a.explanation}\n`;

function printReviewed({ tally, seconds, score }: Reviewed): void {
  line(
    'review pairs settled by the truth, then',
    `${tally.same + tally.different} (${tally.same} the same person, ${tally.different} different${tally.refused ? `, ${tally.refused} refused: ${tally.firstRefusal}` : ''}) in ${seconds.toFixed(0)} s`,
  );
  const unplantedRaised = score.unplanted.filter((a) => a.everRaised);
  line(
    '  alerts ever raised as confirmed',
    `${score.alerts.filter((a) => a.everRaised).length} (${unplantedRaised.length} not planted${unplantedRaised.length ? `: ${countBy(unplantedRaised.map((a) => a.ruleId))}` : ''}); ${score.provisional} still PROVISIONAL`,
  );
  line('  their precision / recall', `${score.raisedPrecision.toFixed(4)} / ${score.raisedRecall.toFixed(4)}`);
  if (process.argv.includes('--explain')) for (const a of unplantedRaised) process.stdout.write(explained(a));
}

/** Phase 1: a county as fast as the producer goes, then its alerts scored against the planted cases. */
async function throughput(bus: MessageBus, target: number, keep: boolean): Promise<void> {
  const t = Date.now();
  const feed = generateFeed({
    seed: 2027,
    households: Math.ceil(target / EVENTS_PER_HOUSEHOLD),
    plantedPerRule: 20,
    resendShare: 0.01,
  });
  const unique = new Set(feed.messages.map((m) => `${m.source}|${m.eventId}`)).size;
  say(
    `generated ${feed.messages.length} events (${unique} unique, ${feed.truth.planted.length} planted cases) in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
  const hub = await startHub(bus, 'bench_e2e');
  const { topics, db } = hub;
  const linked = () => hub.total('matcher', (s) => s.counts.records as number);
  // Which stage the others wait for: events intake has taken (stored, duplicates, dead letters) so far.
  const received = () => hub.total('intake', (s) => s.total.received as number);
  // The rate of each stretch of the run, to show whether it holds as the hub grows.
  const STRETCH = stretchOf(unique);
  const stretches: { events: number; at: number }[] = [{ events: 0, at: Date.now() }];

  const statements = await statementStats(db);
  const cpu = cpuAccount(() => [
    ...hub.services.map((s) => ({ name: s.name, pid: s.child.pid! })),
    { name: 'producer (this benchmark)', pid: process.pid },
  ]);
  const started = Date.now();
  const produceRate = await publishFeed(bus, topics, feed.messages);
  const clock = clockEvents(topics);
  await bus.publish(clock);
  say(`produced at ${produceRate.toFixed(0)} events/s`);
  let lastReport = 0;
  await waitUntil(
    'every event through the detector',
    async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const n = await detectorEvents(hub);
      while (n >= stretches.length * STRETCH) stretches.push({ events: stretches.length * STRETCH, at: Date.now() });
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        say(
          `detector has applied ${n}/${unique} (${((n * 1000) / (Date.now() - started)).toFixed(0)} events/s so far); matcher has linked ${await linked()} records; intake has taken ${await received()} events`,
        );
      }
      return n >= unique + clock.length;
    },
    3_600_000,
  );
  const throughputSeconds = (Date.now() - started) / 1000;
  const cpuSeconds = cpu.stop();
  await waitUntil(
    'event time past the feed',
    async () =>
      (await hub.statsOf('detector')).every(
        (each) => Date.parse(each.eventTime ?? '1970-01-01') >= Date.parse(CLOCK_TIME),
      ),
    600_000,
  );
  await alertsSettled(db);
  const score = await scoreAlerts(db, feed);
  const profile = await stepTimes(hub);
  const reviewed = await reviewByTruth(bus, hub, feed);

  const costliest = await statements.costliest(15);
  const memory = hub.memory();
  await hub.stop();
  process.stdout.write('\nthroughput (phase 1)\n');
  line('services', servicesLine(hub));
  line('events produced (unique)', `${feed.messages.length} (${unique})`);
  line(
    'sustained through intake, matcher, detector',
    `${(unique / throughputSeconds).toFixed(0)} events/s (${throughputSeconds.toFixed(0)} s; producer alone ${produceRate.toFixed(0)} events/s)`,
  );
  line(
    'alerts raised',
    `${score.alerts.length} (${score.unplanted.length} not planted${score.unplanted.length ? `: ${countBy(score.unplanted.map((a) => a.ruleId))}` : ''})`,
  );
  const waiting = score.unplanted.filter((a) => a.underReview);
  line(
    '  of those, a person in an unsettled review pair',
    `${waiting.length}${waiting.length ? `: ${countBy(waiting.map((a) => a.ruleId))}` : ''} (nobody reviews during the benchmark; holds end after 30 days of event time)`,
  );
  const confirmedUnplanted = score.unplanted.filter((a) => a.status !== 'PROVISIONAL');
  line(
    '  of those, confirmed (not PROVISIONAL)',
    `${confirmedUnplanted.length}${confirmedUnplanted.length ? `: ${countBy(confirmedUnplanted.map((a) => a.ruleId))}; ${confirmedUnplanted.filter((a) => a.joinsPeople).length} on a hub person joining records of different real people` : ''}`,
  );
  if (process.argv.includes('--explain')) {
    for (const a of confirmedUnplanted) process.stdout.write(explained(a));
  }
  line(
    'planted cases found',
    `${score.found.length}/${feed.truth.planted.length}${score.missed.length ? ` (missed: ${[...new Set(score.missed.map((c) => c.ruleId))].join(', ')})` : ''}`,
  );
  line('alert precision / recall', `${score.precision.toFixed(4)} / ${score.recall.toFixed(4)}`);
  line(
    '  precision of confirmed alerts',
    `${score.confirmedPrecision.toFixed(4)} (${score.provisional} PROVISIONAL alerts left out: identity unsettled, published as provisional)`,
  );
  printReviewed(reviewed);
  const rates = stretches.slice(1).map((s, i) => (STRETCH * 1000) / (s.at - stretches[i].at));
  if (rates.length >= 2)
    line(
      `rate per ${STRETCH / 1000}k events, first / last`,
      `${rates[0].toFixed(0)} / ${rates[rates.length - 1].toFixed(0)} events/s (ratio ${(rates[rates.length - 1] / rates[0]).toFixed(2)}; all: ${rates.map((r) => r.toFixed(0)).join(' ')})`,
    );
  line('peak resident memory', memory.join(', '));
  line('CPU seconds while events flowed', cpuLine(cpuSeconds, throughputSeconds));
  line('matcher time by step (s)', phaseLine(profile.matcher));
  line('detector time by step (s)', phaseLine(profile.detector));
  printStatements(costliest);
  if (keep) line('database kept for diagnosis', hub.url);
}

const cpuLine = (cpuSeconds: Record<string, number>, wallSeconds: number) =>
  `${Object.entries(cpuSeconds)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ')} (of ${(2 * wallSeconds).toFixed(0)} on 2 cores)`;

const phaseLine = (steps: StepTimes) =>
  `${Object.entries(steps.ms)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
    .join(', ')} (${[
    `${steps.transactions} ${steps.unit}, ${(steps.handled / Math.max(1, steps.transactions)).toFixed(0)} ${steps.items} each`,
    ...Object.entries(steps.notes).map(([label, n]) => `${n} ${label}`),
  ].join('; ')})`;

const countBy = (values: string[]) =>
  [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())]
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/**
 * Produces `messages` at `rate` events/s, in ticks of 100 ms, and says when each event was produced (by
 * `source|eventId`). Returns the seconds it took.
 */
async function producePaced(
  bus: MessageBus,
  topics: TopicNames,
  messages: FeedMessage[],
  rate: number,
  producedAt = new Map<string, number>(),
): Promise<number> {
  const tick = 100;
  const perTick = Math.max(1, Math.round((rate * tick) / 1000));
  const start = Date.now();
  for (let i = 0, n = 0; i < messages.length; i += perTick, n++) {
    const slice = messages.slice(i, i + perTick);
    const now = Date.now();
    for (const m of slice) producedAt.set(`${m.source}|${m.eventId}`, now);
    await bus.publish(
      slice.map((m) => ({ topic: topics.intake(m.department), key: m.key, value: m.value, headers: m.headers })),
    );
    const wait = start + (n + 1) * tick - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return (Date.now() - start) / 1000;
}

/**
 * A county's broker and database run for months; the benchmark's are started a minute before. A throwaway hub
 * fed at the same rate for `seconds` first takes the broker's and PostgreSQL's start-up costs (JIT compilation,
 * first reads) off the measured run, which then starts on a hub of its own as before.
 */
async function warmUp(bus: MessageBus, rate: number, seconds: number): Promise<void> {
  const hub = await startHub(bus, 'bench_warmup');
  const feed = generateFeed({ seed: 2029, households: Math.ceil((rate * seconds) / EVENTS_PER_HOUSEHOLD) }).messages;
  const cpu = cpuAccount(() => hub.services.map((s) => ({ name: s.name, pid: s.child.pid! })));
  const took = await producePaced(bus, hub.topics, feed, rate);
  const cpuSeconds = cpu.stop();
  await hub.stop();
  line(`warm-up: ${feed.length} events on a hub of its own`, `${took.toFixed(0)} s; ${cpuLine(cpuSeconds, took)}`);
}

/** Phase 2: a county produced at a fixed rate on a fresh hub; the latency of its duplicate alerts. */
async function latency(bus: MessageBus, rate: number, seconds: number, warmUpSeconds: number): Promise<void> {
  process.stdout.write('\nlatency (phase 2, a hub of its own)\n');
  if (warmUpSeconds > 0) await warmUp(bus, rate, warmUpSeconds);
  const hub = await startHub(bus, 'bench_latency');
  const { topics } = hub;
  const paced = generateFeed({
    seed: 2028,
    households: Math.ceil((rate * seconds) / EVENTS_PER_HOUSEHOLD),
    plantedPerRule: Math.max(1, Math.round(seconds / 6)),
  }).messages;
  const producedAt = new Map<string, number>();
  const alertLatencies: number[] = [];
  const duplicates = await bus.consume(
    {
      groupId: uniqueName('bench-alerts'),
      topics: [topics.duplicateAlerts],
      partitionConcurrency: 3,
      fromBeginning: true,
    },
    async (batch) => {
      for (const m of batch.messages) {
        const event = JSON.parse(m.value!.toString());
        if (event.type !== 'assist.alert.raised.v1') continue;
        const times = (event.data.evidence as { source: string; eventId: string }[]).map((e) =>
          producedAt.get(`${e.source}|${e.eventId}`),
        );
        if (times.some((x) => x === undefined)) continue;
        alertLatencies.push(Number(m.timestamp) - Math.max(...(times as number[])));
      }
    },
  );
  await new Promise((r) => setTimeout(r, 3000)); // the reader joins its group
  const statements = await statementStats(hub.db);
  const cpu = cpuAccount(() => [
    ...hub.services.map((s) => ({ name: s.name, pid: s.child.pid! })),
    { name: 'producer (this benchmark)', pid: process.pid },
  ]);
  const pacedSeconds = await producePaced(bus, topics, paced, rate, producedAt);
  const pacedRate = paced.length / pacedSeconds;
  const cpuSeconds = cpu.stop();
  const costliest = await statements.costliest(15);
  // Events the detector had not yet dealt with when the feed ended: a backlog means the hub ran below the rate.
  const unique = new Set(paced.map((m) => `${m.source}|${m.eventId}`)).size;
  const behind = unique - (await detectorEvents(hub));
  await new Promise((r) => setTimeout(r, 10_000));
  await duplicates.stop();
  const profile = await stepTimes(hub);
  const memory = hub.memory();
  await hub.stop();
  alertLatencies.sort((a, b) => a - b);
  line('services', servicesLine(hub));
  line(
    `duplicate alert latency at ${pacedRate.toFixed(0)} events/s`,
    alertLatencies.length
      ? `p50 ${percentile(alertLatencies, 50)} ms, p99 ${percentile(alertLatencies, 99)} ms, max ${alertLatencies[alertLatencies.length - 1]} ms (${alertLatencies.length} alerts)`
      : 'no alerts seen',
  );
  line('peak resident memory', memory.join(', '));
  line('CPU seconds while the feed was paced', cpuLine(cpuSeconds, pacedSeconds));
  line('events behind in the detector as the feed ended', `${behind} of ${unique}`);
  line('matcher time by step (s)', phaseLine(profile.matcher));
  line('detector time by step (s)', phaseLine(profile.detector));
  printStatements(costliest);
}

async function main(): Promise<void> {
  const phaseIndex = process.argv.indexOf('--phase');
  const phase = phaseIndex >= 0 ? process.argv[phaseIndex + 1] : 'both';
  const bus = newBus('bench-e2e');
  process.stdout.write(
    'end-to-end benchmark (2-core machine; broker, database, generator and three services on the same host)\n',
  );
  if (phase !== 'latency') await throughput(bus, flag('events', 1_000_000), process.argv.includes('--keep'));
  if (phase !== 'throughput') await latency(bus, flag('rate', 1000), flag('seconds', 60), flag('warmup', 0));
  line('targets', '>= 5000 events/s, p99 <= 1000 ms at 1000 events/s, every planted case found, no alert not planted');
  await bus.close();
}

main().catch((e) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
