/**
 * Synthetic department feeds for tests, benchmarks and the demo.
 *   generate --seed 1 --households 1000 [--planted 3] [--resend 0.01] [--no-noise | --noise ID_TYPO=0.05,NAME_TRADITIONAL=0.1] --out DIR
 *       writes DIR/events.jsonl (one Kafka message a line) and DIR/truth.json (persons, records, planted cases)
 *   publish  --seed 1 --households 1000 [--planted 3] [--brokers 127.0.0.1:9092] [--namespace NS] [--principals FILE]
 *       generates and produces to the intake topics with a progress bar
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEPARTMENTS, Department } from '@hub/contract';
import { KafkajsMessageBus } from '@hub/kafka';
import { LOCAL_PRINCIPALS, TopicNames } from '@hub/topics';
import { GeneratorOptions, generateFeed } from './feed';
import { NOISE_KINDS, NO_NOISE, NoiseKind, NoiseRates } from './identity-noise';
import { departmentPublisher, publishFeed } from './publish';
import { secureBrokerClient } from '../../deploy/runtime/kafka-principals';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** --noise ID_TYPO=0.05,NAME_HOMOPHONE=0.1: rates of single noise kinds, the rest at their defaults. */
function noiseFrom(args: string[]): Partial<NoiseRates> | undefined {
  if (args.includes('--no-noise')) return NO_NOISE;
  const spec = flag(args, 'noise');
  if (!spec) return undefined;
  const rates: Partial<NoiseRates> = {};
  for (const part of spec.split(',')) {
    const [kind, value] = part.split('=');
    if (!(NOISE_KINDS as readonly string[]).includes(kind))
      throw new Error(`--noise: unknown kind "${kind}"; kinds: ${NOISE_KINDS.join(', ')}`);
    const rate = Number(value);
    if (!(rate >= 0 && rate <= 1)) throw new Error(`--noise: ${kind} needs a rate from 0 to 1, got "${value}"`);
    rates[kind as NoiseKind] = rate;
  }
  return rates;
}

function optionsFrom(args: string[]): GeneratorOptions {
  const num = (name: string, fallback: number) => {
    const v = flag(args, name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${v}"`);
    return n;
  };
  return {
    seed: num('seed', 1),
    households: num('households', 1000),
    plantedPerRule: num('planted', 0),
    resendShare: num('resend', 0),
    noise: noiseFrom(args),
    charityWithoutId: args.includes('--no-noise') ? 0 : undefined,
  };
}

export function writeFeed(dir: string, feed: ReturnType<typeof generateFeed>): void {
  fs.mkdirSync(dir, { recursive: true });
  const lines = feed.messages.map((m) =>
    JSON.stringify({
      topicDepartment: m.department,
      key: m.key,
      headers: m.headers,
      value: m.mode === 'binary-protobuf' ? { base64: m.value.toString('base64') } : m.value.toString('utf8'),
      truePersonId: m.truePersonId,
    }),
  );
  fs.writeFileSync(path.join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'truth.json'), JSON.stringify(feed.truth, null, 1));
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'generate' && command !== 'publish') {
    process.stderr.write(
      'usage: generate|publish [--seed N] [--households N] [--planted N] [--resend SHARE] [--no-noise | --noise KIND=RATE,...] [--out DIR] [--brokers LIST] [--namespace NS] [--principals FILE]\n',
    );
    process.exit(2);
  }
  const options = optionsFrom(args);
  const started = Date.now();
  const feed = generateFeed(options);
  process.stderr.write(
    `generated ${feed.messages.length} events for ${feed.truth.persons.length} persons in ${feed.truth.households} households, ${feed.truth.planted.length} planted cases (${Date.now() - started} ms)\n`,
  );
  if (command === 'generate') {
    const out = flag(args, 'out') ?? '.run/feed';
    writeFeed(out, feed);
    process.stderr.write(`wrote ${out}/events.jsonl and ${out}/truth.json\n`);
    return;
  }
  const brokers = (flag(args, 'brokers') ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topics = new TopicNames(flag(args, 'namespace') ?? process.env.TOPIC_NAMESPACE ?? '');
  const principals = flag(args, 'principals');
  const busOf = (department?: Department) =>
    new KafkajsMessageBus({
      brokers,
      clientId: department ? `assist-hub-generator-${department}` : 'assist-hub-generator',
      security:
        principals && department ? secureBrokerClient(principals, LOCAL_PRINCIPALS.department(department)) : undefined,
    });
  // On a secured broker (--principals FILE) each department's events go out as that department's principal.
  const buses = principals ? new Map(DEPARTMENTS.map((d) => [d, busOf(d)])) : undefined;
  const bus = buses ? departmentPublisher(topics, (d) => buses.get(d)!) : busOf();
  try {
    const rate = await publishFeed(bus, topics, feed.messages);
    process.stderr.write(`published ${feed.messages.length} events (${rate.toFixed(0)}/s)\n`);
    const out = flag(args, 'out');
    if (out) writeFeed(out, feed);
  } finally {
    for (const b of buses ? buses.values() : [bus as KafkajsMessageBus]) await b.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
