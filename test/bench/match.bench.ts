/**
 * Streaming match rate with a million persons already known (not a test: it prints figures).
 *   deploy/hub.sh bench:match [--known 1000000] [--records 100000] [--instances 1]
 * 1. loads `known` persons into a fresh database, one civil-affairs record each, with the keys, name
 *    counts and identities the matcher itself would have written (toMatchIdentity, recordKeys);
 * 2. puts `records` department records on hub.intake.accepted: half are other departments' noisy
 *    records of known persons, half are people the hub has never seen;
 * 3. starts the matcher as its own process and times it draining them; prints records/s, the
 *    matcher's peak resident memory, its decisions, and how many records landed on the right person;
 * 4. links the same records in memory (linkRecord on one LinkWorkspace seeded with the known persons),
 *    and prints the service's rate as a share of that one: the cost of persistence and Kafka.
 */
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { loadConfig } from '@hub/config';
import {
  KEY_SCHEME,
  LinkWorkspace,
  MatchIdentity,
  NameFrequencies,
  linkRecord,
  recordKeys,
  toMatchIdentity,
} from '@hub/matching';
import { freePort } from '@hub/persistence';
import { AcceptedEvent, AcceptedEventBatch, TopicNames } from '@hub/topics';
import { MatchModelService } from '../../apps/matcher/src/match-model.service';
import { MatcherSettings } from '../../apps/matcher/src/matcher.settings';
import { DEFAULT_NOISE, noisyIdentity } from '../generator/identity-noise';
import { PopulationBuilder, TruePerson } from '../generator/population';
import { SeededRandom } from '../generator/random';
import { freshDatabase, kafkaBrokers, newBus, uniqueName, waitUntil } from '../support/e2e-env';
import { cpuAccount, exited, peakRssMb, spawnService } from '../support/service-process';
import { testVault } from '../support/data-keys';
import { printStatements, statementStats } from '../support/statement-stats';
import { sealIdentity } from '../../apps/matcher/src/at-rest/identity-at-rest';
import { lookupHash } from '@hub/identity';
import { parseSource } from '@hub/contract';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const KNOWN_SOURCE = '/330502/civil-affairs/dibao';
const STREAM_SOURCES = [
  '/330502/health/medical',
  '/330502/education/aid',
  '/330502/housing/rent',
  '/330502/human-resources/jobs',
  '/330502/charity/C001',
];
const EVENTS_PER_MESSAGE = 200;

function people(builder: PopulationBuilder, count: number): TruePerson[] {
  const out: TruePerson[] = [];
  while (out.length < count) out.push(...builder.household().members);
  return out.slice(0, count);
}

/** A known person's record as the matcher would have stored it. */
function knownIdentity(p: TruePerson): MatchIdentity {
  return toMatchIdentity({
    idType: 'RESIDENT_ID',
    idNumber: p.idNumber,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    phone: p.phone,
    hukouRegion: p.region,
  });
}

/**
 * The in-memory linker on the same stream: one workspace seeded with the known persons under their stored
 * keys, the matcher's model and thresholds; only the linking of the stream is timed.
 */
function inMemoryRate(known: TruePerson[], events: AcceptedEvent[]): { recordsPerSecond: number; seedSeconds: number } {
  const seedStarted = performance.now();
  const names = new NameFrequencies();
  let next = 0;
  const ws = new LinkWorkspace(names, { person: () => `M${++next}`, household: () => `MH${++next}` });
  for (const p of known) {
    const identity = knownIdentity(p);
    ws.seedRecord(
      { source: KNOWN_SOURCE, sourcePersonId: p.personId, personId: p.personId, identity, manual: false },
      recordKeys(identity).stored,
    );
    ws.seedPersonHousehold(p.personId, null);
    names.add(identity.name.normalized, 1);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const settings = loadConfig(MatcherSettings, { ...process.env, DATABASE_URL: 'postgres://bench@127.0.0.1/bench' });
  const policy = {
    model: new MatchModelService(settings).model,
    thresholds: { match: settings.MATCH_THRESHOLD, possible: settings.POSSIBLE_MATCH_THRESHOLD },
  };
  const started = performance.now();
  for (const e of events) {
    const person = (e.data as { person: { sourcePersonId: string } & Parameters<typeof toMatchIdentity>[0] }).person;
    linkRecord(ws, { source: e.source, sourcePersonId: person.sourcePersonId }, policy, toMatchIdentity(person));
  }
  return { recordsPerSecond: events.length / ((performance.now() - started) / 1000), seedSeconds };
}

/** Writes the known population as the matcher would have: persons, records, keys, name counts. */
async function preload(db: Client, known: TruePerson[]): Promise<void> {
  const vault = testVault();
  const started = Date.now();
  const names = new NameFrequencies();
  const chunk = 20_000;
  for (let i = 0; i < known.length; i += chunk) {
    const persons: string[] = [];
    const records: object[] = [];
    const keysOf = new Map<string, string[]>();
    for (const p of known.slice(i, i + chunk)) {
      const identity = knownIdentity(p);
      persons.push(p.personId);
      // Stored as the matcher stores them (issue 12): identity sealed, keys and names blinded.
      records.push({
        source: KNOWN_SOURCE,
        source_person_id: p.personId,
        person_id: p.personId,
        ...sealIdentity(vault, KNOWN_SOURCE, p.personId, identity),
        decision: 'NEW',
        score: 0,
        reasons: [],
      });
      keysOf.set(
        p.personId,
        recordKeys(identity).stored.map((k) => lookupHash.blockKey(vault, k)),
      );
      names.add(identity.name.normalized, 1);
    }
    await db.query('INSERT INTO person (person_id) SELECT unnest($1::text[])', [persons]);
    const stored = await db.query<{ record_id: string; source_person_id: string }>(
      `INSERT INTO person_record (source, source_person_id, person_id, identity_sealed, key_id, name_hash, id_hash, decision, score, reasons, key_scheme)
       SELECT source, source_person_id, person_id, decode(identity_sealed, 'base64'), key_id, name_hash, id_hash, decision, score, reasons, ${KEY_SCHEME}
       FROM json_to_recordset($1::json)
         AS r(source text, source_person_id text, person_id text, identity_sealed text, key_id text, name_hash text, id_hash text, decision text, score real, reasons jsonb)
       RETURNING record_id, source_person_id`,
      [JSON.stringify(records)],
    );
    const keys = stored.rows.flatMap((r) => keysOf.get(r.source_person_id)!);
    const keyOwners = stored.rows.flatMap((r) => keysOf.get(r.source_person_id)!.map(() => r.record_id));
    await db.query(
      `INSERT INTO record_block_key (block_key, record_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING`,
      [keys, keyOwners],
    );
    say(
      `preloaded ${Math.min(i + chunk, known.length)}/${known.length} persons (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  const counted = [...new Set(known.map((p) => toMatchIdentity({ name: p.name }).name.normalized))];
  await db.query(
    'INSERT INTO name_frequency (name, records) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (name) DO UPDATE SET records = EXCLUDED.records',
    [
      [...counted.map((n) => lookupHash.nameCount(vault, n)), ''],
      [...counted.map((n) => names.count(n)), names.records],
    ],
  );
  await db.query('VACUUM ANALYZE');
  say(`preload done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function acceptedEvent(source: string, person: object, seq: number): AcceptedEvent {
  return {
    storeSeq: String(seq),
    source,
    id: `bench-${seq}`,
    type: 'assist.status.asserted.v1',
    time: '2026-03-01T08:00:00+08:00',
    department: parseSource(source)!.department as AcceptedEvent['department'],
    regionCode: '330502',
    mode: 'structured',
    topic: 'bench',
    partition: 0,
    offset: String(seq),
    receivedAt: new Date().toISOString(),
    qualityFlags: [],
    data: { statusId: `S-${seq}`, status: 'UNEMPLOYED', person, validFrom: '2026-03-01', validTo: null },
  };
}

async function main(): Promise<void> {
  const knownCount = flag('known', 1_000_000);
  const recordCount = flag('records', 100_000);
  const instances = flag('instances', 1);
  const rnd = new SeededRandom(11);
  const builder = new PopulationBuilder(rnd, 2026);

  let t = Date.now();
  const known = people(builder, knownCount);
  const strangers = people(builder, Math.ceil(recordCount / 2));
  say(
    `built ${known.length} known persons and ${strangers.length} new ones in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );

  const url = await freshDatabase('bench_match');
  const db = new Client({ connectionString: url });
  await db.connect();
  await preload(db, known);
  // Counted from here: the statements of linking, not of the preload.
  const statements = await statementStats(db);

  // The stream: noisy records of known persons from other departments, and strangers, interleaved.
  const truth = new Map<string, string>();
  const events: AcceptedEvent[] = [];
  for (let i = 0; i < recordCount; i++) {
    const fromKnown = i % 2 === 0;
    const p = fromKnown ? known[rnd.int(0, known.length - 1)] : strangers[i >> 1];
    const source = STREAM_SOURCES[i % STREAM_SOURCES.length];
    const sourcePersonId = `B-${i}`;
    const noisy = noisyIdentity(p, DEFAULT_NOISE, rnd, source.includes('/charity/'));
    truth.set(`${source}|${sourcePersonId}`, fromKnown ? p.personId : '');
    events.push(acceptedEvent(source, { sourcePersonId, ...noisy }, i));
  }
  const namespace = `${uniqueName('benchmatch')}.`;
  const topics = new TopicNames(namespace);
  const bus = newBus('bench-match');
  await bus.ensureTopics(topics.provisioning(6));
  t = Date.now();
  const messages = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) {
    const partition = (i / EVENTS_PER_MESSAGE) % 6;
    const value: AcceptedEventBatch = {
      sourceTopic: 'bench',
      sourcePartition: partition,
      events: events.slice(i, i + EVENTS_PER_MESSAGE),
    };
    messages.push({ topic: topics.acceptedEvents, partition, key: `bench:${partition}`, value: JSON.stringify(value) });
  }
  await bus.publish(messages);
  say(`put ${events.length} records on ${topics.acceptedEvents} in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // The matcher drains the backlog; progress from its own counters.
  const group: { child: ChildProcess; port: number }[] = [];
  for (let i = 0; i < instances; i++) {
    const port = await freePort();
    const env = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      DATABASE_URL: url,
      TOPIC_NAMESPACE: namespace,
      MATCHER_GROUP_ID: `${namespace}matcher`,
      MATCHER_HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
    };
    group.push({ child: spawnService('matcher', env, `bench-${namespace}matcher-${i}`), port });
  }
  const counts = async () => {
    const all = await Promise.all(
      group.map(
        async (g) =>
          (
            (await (await fetch(`http://127.0.0.1:${g.port}/matcher/stats`)).json()) as {
              counts: Record<string, number>;
            }
          ).counts,
      ),
    );
    const sum: Record<string, number> = {};
    for (const c of all) for (const [k, v] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + v;
    return sum;
  };
  // A benchmark that fails or is interrupted must not leave matchers running (and eating the CPU of the next run).
  process.on('exit', () => group.forEach((g) => g.child.kill('SIGKILL')));
  // Stopped by a signal (Ctrl-C, hub.sh stopping it), the matchers go too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  for (const g of group)
    await waitUntil(
      'matcher ready',
      async () => (await fetch(`http://127.0.0.1:${g.port}/ready`).catch(() => undefined))?.ok === true,
      120_000,
    );
  // Progress from the matcher's own counters (a count over the growing table every poll would load
  // the database the matcher is measured on); records linked again after a rebalance count as
  // "unchanged" and are taken off. The store is counted once at the end.
  const linked = async () => {
    const c = await counts();
    return c.records - (c.unchanged ?? 0);
  };
  const cpu = cpuAccount(() => group.map((g, i) => ({ name: `matcher ${i + 1}`, pid: g.child.pid! })));
  const started = Date.now();
  let firstAt = 0;
  let lastReport = 0;
  await waitUntil(
    'every record linked',
    async () => {
      await new Promise((r) => setTimeout(r, 800));
      const n = await linked();
      if (!firstAt && n > 0) firstAt = Date.now();
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        say(
          `linked ${n}/${recordCount} (${((n * 1000) / Math.max(1, Date.now() - (firstAt || started))).toFixed(0)} records/s so far)`,
        );
      }
      return n >= recordCount;
    },
    1_800_000,
  );
  const finishedAt = Date.now();
  const cpuSeconds = cpu.stop();
  const seconds = (finishedAt - firstAt) / 1000;
  const decisions = await counts();
  const phases = await Promise.all(
    group.map(
      async (g) =>
        (
          (await (await fetch(`http://127.0.0.1:${g.port}/matcher/stats`)).json()) as {
            phaseMs: Record<string, number>;
          }
        ).phaseMs,
    ),
  );
  const rss = group.map((g) => peakRssMb(g.child.pid!));
  const costliest = await statements.costliest(15);
  for (const g of group) g.child.kill('SIGTERM');
  for (const g of group) await exited(g.child);

  // Right person: a known person's record on its preloaded person; a stranger's on a person of its own.
  const rows: { source: string; source_person_id: string; person_id: string; merged_into: string | null }[] = (
    await db.query(
      `SELECT r.source, r.source_person_id, r.person_id, p.merged_into FROM person_record r JOIN person p USING (person_id) WHERE r.source = ANY($1)`,
      [STREAM_SOURCES],
    )
  ).rows;
  const knownIds = new Set(known.map((p) => p.personId));
  let right = 0;
  let wrongKnown = 0;
  let missedKnown = 0;
  let strangerOnKnown = 0;
  for (const r of rows) {
    const expected = truth.get(`${r.source}|${r.source_person_id}`);
    const actual = r.merged_into ?? r.person_id;
    if (expected && actual === expected) right++;
    else if (expected && knownIds.has(actual)) wrongKnown++;
    else if (expected) missedKnown++;
    else if (knownIds.has(actual)) strangerOnKnown++;
    else right++;
  }
  await bus.close();
  await db.end();
  const rate = recordCount / seconds;
  // Said before the in-memory run, which holds every known person a second time and may not fit.
  say(
    `matcher: ${rate.toFixed(0)} records/s, peak RSS ${rss.map((mb) => mb.toFixed(0)).join(' + ')} MB, ${right}/${rows.length} on the right person; linking the same records in memory...`,
  );
  const reference = inMemoryRate(known, events);

  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(46)} ${value}\n`);
  process.stdout.write('\nmatch benchmark (2-core machine; broker, database and matcher on the same host)\n');
  line('persons already known', String(knownCount));
  line('records streamed (half known persons, noisy)', String(recordCount));
  line('matcher instances (one consumer group)', String(instances));
  line(
    'streaming match rate',
    `${rate.toFixed(0)} records/s (${seconds.toFixed(1)} s from the first stored link; the group joined and started in ${((firstAt - started) / 1000).toFixed(1)} s)`,
  );
  line(
    'in-memory linker, same records',
    `${reference.recordsPerSecond.toFixed(0)} records/s (seeded with the known persons in ${reference.seedSeconds.toFixed(0)} s); the matcher runs at ${(rate / reference.recordsPerSecond).toFixed(3)} of it`,
  );
  line('matcher peak resident memory', rss.map((mb) => `${mb.toFixed(0)} MB`).join(' + '));
  line(
    'CPU seconds while linking',
    Object.entries(cpuSeconds)
      .sort(([, a], [, b]) => b - a)
      .map(([name, s]) => `${name} ${s.toFixed(0)}`)
      .join(', ') + ` (of ${(2 * seconds).toFixed(0)} on 2 cores)`,
  );
  line(
    'decisions',
    Object.entries(decisions)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  );
  line(
    'time in linking steps (ms, all instances)',
    Object.keys(phases[0])
      .map((k) => `${k} ${phases.reduce((n, p) => n + p[k], 0)}`)
      .join(', '),
  );
  line(
    'records on the right person',
    `${right}/${rows.length} (${((100 * right) / Math.max(1, rows.length)).toFixed(2)}%)`,
  );
  line('known person not found (new person or review)', String(missedKnown));
  line('known person linked to another known person', String(wrongKnown));
  line('new person linked to a known person', String(strangerOnKnown));
  line('targets', '>= 5000 records/s, <= 2048 MB resident');
  printStatements(costliest);
}

main().catch((e) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
