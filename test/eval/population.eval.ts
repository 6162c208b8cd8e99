/**
 * The matching model on the generator's synthetic population with contract §4 identity noise:
 *   npm run eval:match
 * Records are the department records (source + sourcePersonId) as the feed shows them; the truth is
 * the generator's person behind each. Prints pairwise precision, recall, F1, recall per noise kind,
 * and false merges of twins and namesakes. Batch evaluation of the scoring of issue #3.
 */
import { ALL_EVENT_TYPES, decodeCloudEvent, parseSource, validatePayload } from '@hub/contract';
import {
  FellegiSunterModel,
  IDENTITY_FIELDS,
  blockingKeys,
  IdentityBlock,
  MatchIdentity,
  certainRule,
  compareIdentities,
  toMatchIdentity,
} from '@hub/matching';
import { generateFeed } from '../generator/feed';
import { candidatePairs, pairwiseScores } from './blocking';
import { TruePerson } from '../generator/population';

interface SourceRecord extends MatchIdentity {
  key: string;
  personId: string;
  noise: string[];
}

function records(seed: number, households: number): { recs: SourceRecord[]; persons: Map<string, TruePerson> } {
  const feed = generateFeed({ seed, households, plantedPerRule: 2 });
  // A department keeps one record per person, whichever of its systems (and regions) sends the event.
  const truth = new Map(feed.truth.records.map((r) => [`${parseSource(r.source)!.department}|${r.sourcePersonId}`, r]));
  const known = new Set(ALL_EVENT_TYPES);
  const out = new Map<string, SourceRecord>();
  for (const m of feed.messages) {
    const e = decodeCloudEvent(m.value, m.headers, m.department, known);
    const data = validatePayload(e.type, e.data);
    const person = data.person as Record<string, string> | undefined;
    if (!person) continue;
    // One record per department system's person; the truth is keyed by the department's main source.
    const key = `${m.department}|${person.sourcePersonId}`;
    if (out.has(key)) continue;
    const truthRecord = truth.get(key);
    if (!truthRecord) throw new Error(`no ground truth for ${key}`);
    out.set(key, {
      key,
      personId: truthRecord.personId,
      noise: truthRecord.noise,
      ...toMatchIdentity(person as unknown as IdentityBlock),
    });
  }
  return { recs: [...out.values()], persons: new Map(feed.truth.persons.map((p) => [p.personId, p])) };
}

/** The matcher's own blocking keys, plus one per record for the candidates' lookup. */
const KEYS: ((r: SourceRecord) => string[])[] = [(r) => blockingKeys(r)];

function main(): void {
  const { recs, persons } = records(2026, 20_000);
  const list = candidatePairs(recs, KEYS, { maxBlock: 100 });
  const vectors = list.map(([i, j]) => compareIdentities(recs[i], recs[j]));
  const model = FellegiSunterModel.estimate(IDENTITY_FIELDS, vectors);

  const byPerson = new Map<string, number>();
  for (const r of recs) byPerson.set(r.personId, (byPerson.get(r.personId) ?? 0) + 1);
  let truth = 0;
  for (const n of byPerson.values()) truth += (n * (n - 1)) / 2;

  let tp = 0;
  let fp = 0;
  let twinMerges = 0;
  const noiseFound = new Map<string, [number, number]>();
  list.forEach(([i, j], k) => {
    const a = recs[i];
    const b = recs[j];
    const rule = certainRule(a, b);
    const matched = rule ?? model.probability(vectors[k]) >= 0.5;
    const same = a.personId === b.personId;
    if (matched && same) tp++;
    if (matched && !same) {
      fp++;
      const pa = persons.get(a.personId)!;
      const pb = persons.get(b.personId)!;
      if (
        pa.twinOf === pb.personId ||
        pb.twinOf === pa.personId ||
        pa.namesakeOf === pb.personId ||
        pb.namesakeOf === pa.personId
      )
        twinMerges++;
    }
    if (same)
      for (const kind of new Set([...a.noise, ...b.noise])) {
        const [found, all] = noiseFound.get(kind) ?? [0, 0];
        noiseFound.set(kind, [found + (matched ? 1 : 0), all + 1]);
      }
  });
  const { precision, recall, f1 } = pairwiseScores(tp, fp, truth);
  process.stdout.write(
    `\ngenerator population (seed 2026, 20,000 households): ${recs.length} department records, ${list.length} candidate pairs, ${truth} true pairs\n`,
  );
  process.stdout.write(
    `precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}  (target >= 0.995)   twin/namesake false merges: ${twinMerges} (target 0)\n`,
  );
  process.stdout.write(
    'recall by noise kind on either record, over true pairs that blocking found (found / candidates):\n',
  );
  for (const [kind, [found, all]] of [...noiseFound].sort())
    process.stdout.write(`  ${kind.padEnd(26)} ${(found / all).toFixed(4)} (${found}/${all})\n`);
}

main();
