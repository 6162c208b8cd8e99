/**
 * The matcher's own linking code (RecordLinker, PostgreSQL, blocking keys, starting model), record by
 * record as the stream delivers them, on the generator's population: twice, in feed order and in a
 * shuffled order. Prints records/s, pairwise precision/recall/F1 of the resulting persons and how far
 * the two orders agree. Needs a PostgreSQL server: `deploy/hub.sh eval:stream` starts one.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@hub/config';
import { hubDataSourceOptions } from '@hub/persistence';
import { MatchModelService } from '../../apps/matcher/src/match-model.service';
import { MatcherSettings } from '../../apps/matcher/src/matcher.settings';
import { MatcherOutbox } from '../../apps/matcher/src/outbox/matcher-outbox';
import { MatcherStats } from '../../apps/matcher/src/matcher-stats';
import { PersonStore } from '../../apps/matcher/src/person-store';
import { personalDataVault } from '@hub/runtime';
import { testDataKeys } from '../support/data-keys';
import { RecordLinker } from '../../apps/matcher/src/record-linker';
import { ReviewSettlement } from '../../apps/matcher/src/review/review-settlement';
import { generateFeed } from '../generator/feed';
import { SeededRandom } from '../generator/random';
import { freshDatabase, newBus } from '../support/e2e-env';
import { linkAlone } from '../support/link-alone';
import { linkedPairs, pairAgreement, pairwiseScores } from './blocking';
import { StreamRecord, streamRecords } from './population-records';
import { parseSource } from '@hub/contract';

/** Links the records in the given order; returns record key → person, keyed like the truth. */
async function run(records: StreamRecord[], label: string): Promise<Map<string, string>> {
  const url = await freshDatabase(`stream_${label}`);
  const db = new DataSource(hubDataSourceOptions(url, { poolSize: 4 }));
  await db.initialize();
  const settings = loadConfig(MatcherSettings, { DATABASE_URL: url, ...testDataKeys() });
  const stats = new MatcherStats();
  const persons = new PersonStore(personalDataVault(settings));
  const linker = new RecordLinker(
    db,
    persons,
    new MatchModelService(settings),
    settings,
    stats,
    new MatcherOutbox(db, newBus('assist-hub-eval'), stats),
    new ReviewSettlement(persons),
  );
  const started = Date.now();
  for (const r of records) await linkAlone(linker, r.source, r.person);
  const seconds = (Date.now() - started) / 1000;
  const rows: { source: string; source_person_id: string; person_id: string }[] = await db.query(
    'SELECT source, source_person_id, person_id FROM person_record',
  );
  await db.destroy();
  process.stdout.write(
    `${label.padEnd(10)} ${records.length} records linked in ${seconds.toFixed(1)} s (${(records.length / seconds).toFixed(0)} records/s, one at a time)\n`,
  );
  return new Map(rows.map((r) => [`${parseSource(r.source)!.department}|${r.source_person_id}`, r.person_id]));
}

async function main(): Promise<void> {
  const { records, truth } = streamRecords(
    generateFeed({ seed: 2026, households: Number(process.argv[2] ?? 3000), plantedPerRule: 1 }),
  );
  const shuffled = [...records];
  const rnd = new SeededRandom(7);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const truePairs = linkedPairs(new Map([...new Set(records.map((r) => r.truthKey))].map((k) => [k, truth.get(k)!])));
  process.stdout.write(
    `streaming matcher on the generator population: ${new Set(records.map((r) => r.truthKey)).size} department records, ${truePairs.size} true pairs\n`,
  );
  const runs = [await run(records, 'in order'), await run(shuffled, 'shuffled')];
  const found = runs.map(linkedPairs);
  found.forEach((pairs, i) => {
    let tp = 0;
    for (const p of pairs) if (truePairs.has(p)) tp++;
    const s = pairwiseScores(tp, pairs.size - tp, truePairs.size);
    process.stdout.write(
      `${i ? 'shuffled' : 'in order'}: precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  F1 ${s.f1.toFixed(4)}\n`,
    );
  });
  process.stdout.write(
    `order independence: pairwise agreement of the two orders ${pairAgreement(found[0], found[1]).toFixed(4)}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
