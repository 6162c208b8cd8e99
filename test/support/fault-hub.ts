import { DEPARTMENTS } from '@hub/contract';
import { KafkajsMessageBus, MessageBus, OutboundMessage } from '@hub/kafka';
import { databaseUrl, freePort, migrate } from '@hub/persistence';
import { TopicNames } from '@hub/topics';
import { FeedMessage, GeneratedFeed } from '../generator/feed';
import { AlertLedger, PublishedAlertEvent, alertLedger } from './alert-ledger';
import { clockEvents } from './clock-events';
import { groupLag } from './consumer-lag';
import { uniqueName } from './e2e-env';
import { FaultInfrastructure } from './fault-infrastructure';
import { LinkOutcome, PublishedLink, departmentRecordKey, linkOutcome } from './link-outcome';
import { PipelineService, SupervisedService } from './supervised-service';
import { readWholeTopic } from './topic-snapshot';

const PARTITIONS = 6;
/** Small, so the detector stops waiting for silent partitions within seconds of the feed's end (brief of issue 10). */
export const FAULT_IDLE_SPAN_SECONDS = 4;

/** Something done to the hub mid-stream: once a share of the feed's records have link decisions. */
export interface Disturbance {
  name: string;
  /** Share of the expected records with a decision on persons.links when it starts (default 1/3). */
  atDecidedShare?: number;
  act(hub: RunningHub): Promise<void>;
}

/** What a disturbance can reach. */
export interface RunningHub {
  infra: FaultInfrastructure;
  service(name: PipelineService): SupervisedService;
  say(line: string): void;
}

export interface FaultRunOptions {
  infra: FaultInfrastructure;
  feed: GeneratedFeed;
  label: string;
  disturbance?: Disturbance;
  /** Explicit intake partition of a message (undefined: by key, as departments publish). */
  partitionOf?: (m: FeedMessage) => number | undefined;
  /** Events per second the feed is produced at, so the services work on it while it arrives. 0: as fast as the producer goes. */
  ratePerSecond: number;
  /** Processes of each service in its consumer group (default 1 each): the hub scaled out. */
  instances?: Partial<Record<PipelineService, number>>;
  /** Services run from this build (dist/ with production node_modules) instead of the sources under ts-node. */
  installation?: string;
  /** Settings added to every service's (LOG_FORMAT, say). */
  env?: Record<string, string>;
  /** Gives up waiting for the pipeline to drain after this long (then reports what it has). */
  timeoutMs: number;
  say: (line: string) => void;
}

export interface FaultRunResult {
  label: string;
  /** Topic namespace of the run; its services' logs are .run/logs/faults-<namespace>[N.]<service>-<start>.log. */
  namespace: string;
  seconds: number;
  /** The pipeline drained and its outputs stayed still (false: timed out, figures are partial). */
  drained: boolean;
  disturbedAt?: number;
  links: PublishedLink[];
  outcome: LinkOutcome;
  ledger: AlertLedger;
  expectedRecords: number;
  /** Department records of the feed that never got a decision on persons.links. */
  lostRecords: string[];
  /** Records each matcher process linked and events each detector process applied (since its last start). */
  workByProcess: { service: 'matcher' | 'detector'; done: number }[];
  /** The paths of each service's OpenAPI document (/openapi.json), from its first process. */
  openApiPaths: Partial<Record<PipelineService, string[]>>;
  crashes: Record<PipelineService, number>;
  kills: Record<PipelineService, number>;
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A call to the broker that may hang while it is down: gives up after `ms`. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Produces the feed at a steady rate, one request in flight (each partition gets its events in order);
 * a request the broker refused (it is down) is sent again until it is taken: intake stores a resent
 * event once (same source + id).
 */
async function produce(
  bus: MessageBus,
  messages: OutboundMessage[],
  ratePerSecond: number,
  stopped: () => boolean,
): Promise<void> {
  const chunk = ratePerSecond > 0 ? Math.max(1, Math.round(ratePerSecond / 5)) : 4000;
  const started = Date.now();
  for (let i = 0; i < messages.length && !stopped(); i += chunk) {
    const slice = messages.slice(i, i + chunk);
    for (;;) {
      try {
        await within(60_000, bus.publish(slice));
        break;
      } catch {
        if (stopped()) return;
        await sleep(1000);
      }
    }
    if (ratePerSecond > 0) {
      const due = started + ((i + slice.length) / ratePerSecond) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
    }
  }
}

/** Department records the feed names: each must end with a decision on persons.links. */
function expectedRecordKeys(feed: GeneratedFeed, clock: OutboundMessage[]): Set<string> {
  const keys = new Set(feed.truth.records.map((r) => departmentRecordKey(r.source, r.sourcePersonId)));
  for (const m of clock) {
    const event = JSON.parse(m.value!.toString()) as { source: string; data: { person: { sourcePersonId: string } } };
    keys.add(departmentRecordKey(event.source, event.data.person.sourcePersonId));
  }
  return keys;
}

/**
 * One run of the hub on a feed, black-box: intake, matcher and detector as OS processes on a fresh topic
 * namespace and database, the feed produced to the intake topics (then one clock event per partition,
 * dated past the feed's windows), an optional disturbance mid-stream, then a wait until every consumer
 * group is at the end of its input and the outputs stay still; then the outputs, read from Kafka.
 */
export async function runFaultHub(options: FaultRunOptions): Promise<FaultRunResult> {
  const { infra, feed, say } = options;
  const started = Date.now();
  const problems: string[] = [];
  const namespace = `${uniqueName(options.label.replace(/[^A-Za-z0-9]/g, '_'))}.`;
  const topics = new TopicNames(namespace);
  const bus = new KafkajsMessageBus({
    brokers: infra.kafkaBrokers.split(','),
    clientId: `fault-${options.label}`,
    log: () => undefined,
  });
  const url = databaseUrl(infra.postgresServerUrl, namespace.slice(0, -1).toLowerCase());
  await bus.ensureTopics(topics.provisioning(PARTITIONS));
  await migrate(url);

  const groups = { intake: `${namespace}intake`, matcher: `${namespace}matcher`, detector: `${namespace}detector` };
  const base = {
    KAFKA_BROKERS: infra.kafkaBrokers,
    DATABASE_URL: url,
    TOPIC_NAMESPACE: namespace,
    LOG_LEVEL: 'log',
    ...options.env,
  };
  const services: SupervisedService[] = [];
  for (const name of ['intake', 'matcher', 'detector'] as const) {
    for (let instance = 1; instance <= (options.instances?.[name] ?? 1); instance++) {
      const env: Record<string, string> = {
        ...base,
        [`${name.toUpperCase()}_GROUP_ID`]: groups[name],
        [`${name.toUpperCase()}_HTTP_PORT`]: String(await freePort()),
      };
      if (name === 'detector')
        Object.assign(env, { DETECTOR_IDLE_SPAN_SECONDS: String(FAULT_IDLE_SPAN_SECONDS), DETECTOR_TICK_SECONDS: '1' });
      const logPrefix = `faults-${namespace}${instance > 1 ? `${instance}.` : ''}`;
      services.push(
        new SupervisedService(
          name,
          Number(env[`${name.toUpperCase()}_HTTP_PORT`]),
          env,
          logPrefix,
          (l) => say(`[${options.label}] ${l}`),
          options.installation,
        ),
      );
    }
  }
  // A disturbance reaches the first process of a service.
  const hub: RunningHub = {
    infra,
    service: (n) => services.find((s) => s.name === n)!,
    say: (l) => say(`[${options.label}] ${l}`),
  };
  let finished = false;
  try {
    for (const s of services) s.start();
    for (const s of services) {
      const deadline = Date.now() + 180_000;
      while (!(await s.ready())) {
        if (Date.now() > deadline) throw new Error(`${s.name} not ready within 180 s`);
        await sleep(500);
      }
    }
    hub.say(
      `services ready after ${((Date.now() - started) / 1000).toFixed(0)} s; producing ${feed.messages.length} events at ${options.ratePerSecond || 'full'} events/s`,
    );

    const clock = clockEvents(topics, PARTITIONS);
    const outbound: OutboundMessage[] = [
      ...feed.messages.map((m) => ({
        topic: topics.intake(m.department),
        partition: options.partitionOf?.(m),
        key: m.key,
        value: m.value,
        headers: m.headers,
      })),
      ...clock,
    ];
    const expected = expectedRecordKeys(feed, clock);
    const producing = produce(bus, outbound, options.ratePerSecond, () => finished);
    let produced = false;
    void producing.then(() => (produced = true));

    const decisions = async () =>
      (await within(10_000, bus.topicOffsets(topics.personLinks))).reduce(
        (n, o) => n + Number(o.high) - Number(o.low),
        0,
      );
    const lagOf = async (group: string, inputs: string[]) => {
      const committed = await within(
        10_000,
        bus.groupOffsets(inputs, (g) => g === group),
      );
      let lag = 0;
      for (const topic of inputs)
        lag += groupLag(
          await within(10_000, bus.topicOffsets(topic)),
          committed.filter((c) => c.topic === topic),
        );
      return lag;
    };
    const lags = async () => ({
      intake: await lagOf(
        groups.intake,
        DEPARTMENTS.map((d) => topics.intake(d)),
      ),
      matcher: await lagOf(groups.matcher, [topics.acceptedEvents]),
      detector: await lagOf(groups.detector, [topics.linkedEvents]),
    });
    const outputEnds = async () => {
      const ends = await Promise.all(
        [topics.personLinks, topics.duplicateAlerts, topics.omissionAlerts, topics.linkedEvents].map((t) =>
          within(10_000, bus.topicOffsets(t)),
        ),
      );
      return JSON.stringify(ends);
    };

    let disturbance: Promise<void> | undefined;
    let disturbanceOver = !options.disturbance;
    let timedOut = false;
    let disturbedAt: number | undefined;
    let stillSince = 0;
    let lastEnds = '';
    let lastReport = 0;
    const quietMs = (FAULT_IDLE_SPAN_SECONDS + 8) * 1000;
    for (;;) {
      await sleep(500);
      if (Date.now() - started > options.timeoutMs) {
        problems.push(`not drained within ${options.timeoutMs / 1000} s`);
        timedOut = true;
        break;
      }
      let decided = -1;
      let lag: Awaited<ReturnType<typeof lags>> | undefined;
      let ends = '';
      try {
        decided = await decisions();
        lag = await lags();
        ends = await outputEnds();
      } catch {
        stillSince = 0; // the broker is away: nothing can be said about the pipeline
      }
      if (
        options.disturbance &&
        !disturbance &&
        decided >= expected.size * (options.disturbance.atDecidedShare ?? 1 / 3)
      ) {
        disturbedAt = (Date.now() - started) / 1000;
        hub.say(`${options.disturbance.name} at ${decided} decisions (${disturbedAt.toFixed(0)} s)`);
        disturbance = options.disturbance
          .act(hub)
          .catch((e) => void problems.push(`disturbance failed: ${(e as Error).message}`))
          .finally(() => (disturbanceOver = true));
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        hub.say(
          `${((Date.now() - started) / 1000).toFixed(0)} s: ${decided} link messages for ${expected.size} records, lag ${lag ? JSON.stringify(lag) : '?'}, running ${
            services
              .filter((s) => s.running)
              .map((s) => s.name)
              .join(' ') || 'none'
          }`,
        );
      }
      const caughtUp =
        produced && !!lag && lag.intake + lag.matcher + lag.detector === 0 && services.every((s) => s.running);
      if (caughtUp && !disturbance && options.disturbance) {
        problems.push(
          `${options.disturbance.name} never happened: the feed was through before ${((options.disturbance.atDecidedShare ?? 1 / 3) * 100).toFixed(0)}% of its records had decisions`,
        );
        break;
      }
      const settled = caughtUp && disturbanceOver;
      if (!settled || ends !== lastEnds) {
        stillSince = settled ? Date.now() : 0;
        lastEnds = ends;
        continue;
      }
      if (!stillSince) stillSince = Date.now();
      if (Date.now() - stillSince >= quietMs) break;
    }
    if (disturbance) await disturbance;
    finished = true;
    await producing;

    const links = (await readWholeTopic(bus, topics.personLinks)).map((m) => {
      const ce = JSON.parse(m.value!.toString());
      return {
        cloudEventId: ce.id,
        type: ce.type,
        time: ce.time,
        partition: m.partition,
        offset: m.offset,
        data: ce.data,
      };
    });
    const alertEvents: PublishedAlertEvent[] = [];
    for (const topic of [topics.duplicateAlerts, topics.omissionAlerts]) {
      for (const m of await readWholeTopic(bus, topic)) {
        const ce = JSON.parse(m.value!.toString());
        // Partitions of the two topics are told apart: an alert's events share one partition of one topic.
        alertEvents.push({
          cloudEventId: ce.id,
          type: ce.type,
          partition: m.partition + (topic === topics.omissionAlerts ? 1000 : 0),
          offset: m.offset,
          data: ce.data,
        });
      }
    }
    const outcome = linkOutcome(links);
    const workByProcess: FaultRunResult['workByProcess'] = [];
    for (const s of services) {
      if (s.name === 'intake' || !s.running) continue;
      const response = await fetch(`http://127.0.0.1:${s.port}/${s.name}/stats`);
      const stats = (await response.json()) as { counts?: Record<string, number> };
      // Another server on the port answers too (404): say so instead of failing on a missing field.
      if (!response.ok || !stats.counts)
        throw new Error(`${s.name} on port ${s.port} gave no counters (HTTP ${response.status})`);
      workByProcess.push({ service: s.name, done: s.name === 'matcher' ? stats.counts.records : stats.counts.events });
    }
    const openApiPaths: FaultRunResult['openApiPaths'] = {};
    for (const s of services) {
      if (openApiPaths[s.name] || !s.running) continue;
      const response = await fetch(`http://127.0.0.1:${s.port}/openapi.json`);
      openApiPaths[s.name] = response.ok
        ? Object.keys(((await response.json()) as { paths: Record<string, unknown> }).paths)
        : [];
    }
    const count = (f: (s: SupervisedService) => number) => {
      const totals: Record<PipelineService, number> = { intake: 0, matcher: 0, detector: 0 };
      for (const s of services) totals[s.name] += f(s);
      return totals;
    };
    return {
      label: options.label,
      namespace,
      openApiPaths,
      seconds: (Date.now() - started) / 1000,
      drained: !timedOut,
      disturbedAt,
      links,
      outcome,
      ledger: alertLedger(alertEvents),
      expectedRecords: expected.size,
      lostRecords: [...expected].filter((k) => !outcome.decided.has(k)),
      workByProcess,
      crashes: count((s) => s.crashes),
      kills: count((s) => s.kills),
      problems,
    };
  } finally {
    finished = true;
    for (const s of [...services].reverse()) await s.stop();
    await bus.close().catch(() => undefined);
  }
}
