import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@hub/config';
import { InboundMessage, KafkajsMessageBus, MessageBus } from '@hub/kafka';
import { databaseUrl, migrate } from '@hub/persistence';
import { AcceptedEvent, AcceptedEventBatch } from '@hub/topics';
import { IntakeModule } from '../../apps/intake/src/intake.module';
import { MatcherModule } from '../../apps/matcher/src/matcher.module';
import { MatcherSettings } from '../../apps/matcher/src/matcher.settings';
import { DetectorModule } from '../../apps/detector/src/detector.module';
import { DetectorSettings } from '../../apps/detector/src/detector.settings';
import { prepaymentCheckTransport } from '../../apps/detector/src/prepayment/prepayment-check.transport';
import { IntakeSettings } from '../../apps/intake/src/intake.settings';
import { testServiceToken } from './service-token';
import { testDataKeys } from './data-keys';

/**
 * End-to-end tests share one real broker and one real PostgreSQL server, started by
 * `deploy/hub.sh test`. Each suite isolates itself with its own topic namespace and database.
 */
export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

export function uniqueName(label: string): string {
  return `${label}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A new database on the test server, migrated once. */
export async function freshDatabase(label: string): Promise<string> {
  const server = process.env.TEST_PG_SERVER_URL || process.env.DATABASE_URL;
  if (!server)
    throw new Error('no PostgreSQL for end-to-end tests: run them with `deploy/hub.sh test`, which starts one');
  const url = databaseUrl(server, uniqueName(label).toLowerCase());
  await migrate(url);
  return url;
}

export function newBus(clientId = 'assist-hub-test'): MessageBus {
  return new KafkajsMessageBus({ brokers: kafkaBrokers(), clientId });
}

export function intakeEnv(
  namespace: string,
  database: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    DATABASE_URL: database,
    TOPIC_NAMESPACE: namespace,
    INTAKE_GROUP_ID: `${namespace}intake`,
    INTAKE_HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The intake service in this process, as main.ts builds it. */
export async function startIntake(env: Record<string, string>): Promise<INestApplication> {
  const settings = loadConfig(IntakeSettings, { HUB_SERVICE_TOKEN: testServiceToken(), ...testDataKeys(), ...env });
  const app = await NestFactory.create(IntakeModule.forSettings(settings), { logger: ['error', 'warn'] });
  await app.init();
  return app;
}

/** The matcher service in this process, as its main.ts builds it. */
export async function startMatcher(env: Record<string, string>): Promise<INestApplication> {
  const settings = loadConfig(MatcherSettings, {
    HUB_SERVICE_TOKEN: testServiceToken(),
    ...testDataKeys(),
    ...env,
    MATCHER_GROUP_ID: `${env.TOPIC_NAMESPACE}matcher`,
    MATCHER_HTTP_PORT: '0',
  });
  const app = await NestFactory.create(MatcherModule.forSettings(settings), { logger: ['error', 'warn'] });
  await app.init();
  return app;
}

/** The detector service in this process, as its main.ts builds it. */
export async function startDetector(env: Record<string, string>): Promise<INestApplication> {
  const settings = loadConfig(DetectorSettings, {
    HUB_SERVICE_TOKEN: testServiceToken(),
    ...testDataKeys(),
    ...env,
    DETECTOR_GROUP_ID: env.DETECTOR_GROUP_ID ?? `${env.TOPIC_NAMESPACE}detector`,
    DETECTOR_HTTP_PORT: '0',
    DETECTOR_TICK_SECONDS: env.DETECTOR_TICK_SECONDS ?? '1',
  });
  const app = await NestFactory.create(DetectorModule.forSettings(settings), { logger: ['error', 'warn'] });
  if (env.DETECTOR_KAFKA_CHECKS === 'true') {
    app.connectMicroservice(prepaymentCheckTransport(settings), { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.init();
  return app;
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Reads a topic from the beginning with a fresh group until `count` items arrived (or the timeout
 * passed), then waits a little longer to catch extras. `items` turns a message into what is counted.
 */
async function readItems<T>(
  bus: MessageBus,
  topic: string,
  count: number,
  timeoutMs: number,
  items: (m: InboundMessage) => T[],
): Promise<T[]> {
  const seen: T[] = [];
  const consumer = await bus.consume(
    { groupId: uniqueName('reader'), topics: [topic], partitionConcurrency: 6, fromBeginning: true },
    async (batch) => {
      for (const m of batch.messages) seen.push(...items(m));
    },
  );
  try {
    await waitUntil(
      `${count} items on ${topic} (have ${seen.length})`,
      async () => seen.length >= count,
      timeoutMs,
    ).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500));
  } finally {
    await consumer.stop();
  }
  return seen;
}

export function readTopic(
  bus: MessageBus,
  topic: string,
  count: number,
  timeoutMs = 60_000,
): Promise<InboundMessage[]> {
  return readItems(bus, topic, count, timeoutMs, (m) => [m]);
}

/** hub.intake.accepted holds batches; this returns the events, in order. */
export function readAcceptedEvents(
  bus: MessageBus,
  topic: string,
  count: number,
  timeoutMs = 60_000,
): Promise<AcceptedEvent[]> {
  return readItems(bus, topic, count, timeoutMs, (m) => (JSON.parse(m.value!.toString()) as AcceptedEventBatch).events);
}

export function header(m: InboundMessage, name: string): string | undefined {
  const v = m.headers[name];
  if (v === undefined) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

/** How many messages a topic holds (sum over partitions of high - low). */
export async function messagesIn(bus: MessageBus, topic: string): Promise<number> {
  const offsets = await bus.topicOffsets(topic);
  return offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
}
