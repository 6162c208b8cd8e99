/**
 * Linkage as the population grows (issue 11): the matcher's linking decisions (linkRecord on one LinkWorkspace,
 * the service's model with its EM re-estimates, its thresholds and name frequencies) on the generator's county at
 * 10k, 100k and 1M persons, record by record in feed order, in memory: one owner decides every identity, as a
 * matcher that owns its neighbourhoods would. Part of `npm run eval:match`; alone:
 *   node … test/eval/population-stream.eval.ts [--persons 10000,100000,1000000]
 * Prints, per size, pairwise precision, recall and F1 of the persons found against the generator's truth, where the
 * errors are (pairs of different persons put together, pairs of one person left apart, records sent to review),
 * and records/s: the in-memory rate the service's figures are compared with.
 */
import 'reflect-metadata';
import { loadConfig } from '@hub/config';
import {
  IDENTITY_FIELDS,
  LinkWorkspace,
  MatchIdentity,
  NameFrequencies,
  compareIdentities,
  linkRecord,
  toMatchIdentity,
} from '@hub/matching';
import { MatchModelService } from '../../apps/matcher/src/match-model.service';
import { MatcherSettings } from '../../apps/matcher/src/matcher.settings';
import { generateFeed } from '../generator/feed';
import { linkedPairs, pairwiseScores } from './blocking';
import { streamRecords } from './population-records';

const TARGET = 0.995;
/** As the matcher observes comparisons: after each chunk. */
const CHUNK = 1000;

function sizes(): number[] {
  const i = process.argv.indexOf('--persons');
  const list = i >= 0 ? process.argv[i + 1] : '10000,100000,1000000';
  return list
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
}

interface SizeResult {
  persons: number;
  records: number;
  precision: number;
  recall: number;
  f1: number;
  falsePairs: number;
  missedPairs: number;
  /** Found persons holding records of more than one true person, largest first (their sizes in records). */
  mixedPersons: number[];
  /**
   * How the records of two true persons on one found person compare (their levels, as the model sees them), with
   * how many found persons hold such a pair, most first: where the joins come from.
   */
  joinedAs: [string, number][];
  /**
   * How the records of one true person on two found persons compare, with the decision the later of the two got
   * (NEW, or POSSIBLE_MATCH: sent to review), and how many true persons have such a pair: where the splits come from.
   */
  apartAs: [string, number][];
  decisions: Record<string, number>;
  recordsPerSecond: number;
}

function evaluate(households: number): SizeResult {
  const feed = generateFeed({ seed: 2026, households, plantedPerRule: 0 });
  const persons = feed.truth.persons.length;
  const { records, truth } = streamRecords(feed);
  // The matcher's settings as deployed (MATCH_THRESHOLD, MATCHER_EM_EVERY… from the environment, else their defaults).
  const settings = loadConfig(MatcherSettings, { ...process.env, DATABASE_URL: 'postgres://eval@127.0.0.1/eval' });
  const models = new MatchModelService(settings);
  let nextPerson = 0;
  let nextHousehold = 0;
  const ws = new LinkWorkspace(new NameFrequencies(), {
    person: () => `P${++nextPerson}`,
    household: () => `H${++nextHousehold}`,
  });
  const decisions: Record<string, number> = {};
  const decisionOf = new Map<string, { decision: string; at: number }>();
  const started = performance.now();
  let comparisons: string[][] = [];
  records.forEach((r, i) => {
    const policy = {
      model: models.model,
      thresholds: { match: settings.MATCH_THRESHOLD, possible: settings.POSSIBLE_MATCH_THRESHOLD },
    };
    const outcome = linkRecord(
      ws,
      { source: r.source, sourcePersonId: r.person.sourcePersonId },
      policy,
      toMatchIdentity(r.person),
    );
    const decision = outcome.link?.decision ?? 'unchanged';
    decisions[decision] = (decisions[decision] ?? 0) + 1;
    if (outcome.link) decisionOf.set(r.truthKey, { decision, at: i });
    comparisons.push(...outcome.comparisons);
    if ((i + 1) % CHUNK === 0) {
      models.observe(comparisons);
      comparisons = [];
    }
  });
  const seconds = (performance.now() - started) / 1000;
  // One department keeps one record per person, whichever of its systems sends it (the truth is keyed so).
  const found = new Map<string, string>();
  for (const r of records) found.set(r.truthKey, ws.record(r.source, r.person.sourcePersonId)!.personId);
  const truePairs = linkedPairs(new Map([...found.keys()].map((k) => [k, truth.get(k)!])));
  const foundPairs = linkedPairs(found);
  let tp = 0;
  for (const p of foundPairs) if (truePairs.has(p)) tp++;
  const s = pairwiseScores(tp, foundPairs.size - tp, truePairs.size);
  const truePersonsOf = new Map<string, Set<string>>();
  const sizeOf = new Map<string, number>();
  for (const [key, person] of found) {
    truePersonsOf.set(person, (truePersonsOf.get(person) ?? new Set()).add(truth.get(key)!));
    sizeOf.set(person, (sizeOf.get(person) ?? 0) + 1);
  }
  const identityOf = new Map<string, MatchIdentity>();
  for (const r of records) identityOf.set(r.truthKey, toMatchIdentity(r.person));
  const levelsOf = (a: string, b: string) =>
    compareIdentities(identityOf.get(a)!, identityOf.get(b)!)
      .map((level, i) => `${IDENTITY_FIELDS[i].field} ${level}`)
      .join(', ');
  const joinedAs = new Map<string, number>();
  const recordsOf = new Map<string, string[]>();
  for (const [key, person] of found) recordsOf.set(person, [...(recordsOf.get(person) ?? []), key]);
  for (const [person, truePersons] of truePersonsOf) {
    if (truePersons.size < 2) continue;
    const keys = recordsOf.get(person)!;
    const vectors = new Set<string>();
    for (const a of keys) for (const b of keys) if (a < b && truth.get(a) !== truth.get(b)) vectors.add(levelsOf(a, b));
    for (const v of vectors) joinedAs.set(v, (joinedAs.get(v) ?? 0) + 1);
  }
  const apartAs = new Map<string, number>();
  const keysOfTrue = new Map<string, string[]>();
  for (const key of found.keys()) keysOfTrue.set(truth.get(key)!, [...(keysOfTrue.get(truth.get(key)!) ?? []), key]);
  for (const keys of keysOfTrue.values()) {
    const vectors = new Set<string>();
    for (const a of keys)
      for (const b of keys) {
        if (a >= b || found.get(a) === found.get(b)) continue;
        const [earlier, later] = [a, b].sort((x, y) => (decisionOf.get(x)?.at ?? 0) - (decisionOf.get(y)?.at ?? 0));
        vectors.add(`${levelsOf(earlier, later)} -> ${decisionOf.get(later)?.decision ?? '?'}`);
      }
    for (const v of vectors) apartAs.set(v, (apartAs.get(v) ?? 0) + 1);
  }
  const mixedPersons = [...truePersonsOf]
    .filter(([, t]) => t.size > 1)
    .map(([p]) => sizeOf.get(p)!)
    .sort((a, b) => b - a);
  return {
    persons,
    records: found.size,
    ...s,
    falsePairs: foundPairs.size - tp,
    missedPairs: truePairs.size - tp,
    mixedPersons,
    joinedAs: [...joinedAs].sort((a, b) => b[1] - a[1]),
    apartAs: [...apartAs].sort((a, b) => b[1] - a[1]),
    decisions,
    recordsPerSecond: records.length / seconds,
  };
}

function main(): void {
  // Persons per household of the generator, to size each county by its persons.
  const sample = generateFeed({ seed: 2026, households: 2000, plantedPerRule: 0 });
  const perHousehold = sample.truth.persons.length / 2000;
  process.stdout.write(
    `\nlinkage as the population grows (in memory, one owner, the matcher's model and thresholds; target precision and recall >= ${TARGET})\n`,
  );
  process.stdout.write(
    `${'persons'.padStart(9)} ${'records'.padStart(9)}  precision  recall     F1      different persons joined  one person apart  to review  records/s\n`,
  );
  for (const persons of sizes()) {
    const r = evaluate(Math.max(1, Math.round(persons / perHousehold)));
    const met = r.precision >= TARGET && r.recall >= TARGET ? 'met' : 'NOT MET';
    process.stdout.write(
      `${String(r.persons).padStart(9)} ${String(r.records).padStart(9)}  ${r.precision.toFixed(4)}     ${r.recall.toFixed(4)}     ${r.f1.toFixed(4)}  ${String(r.falsePairs).padStart(12)} pairs ${String(r.missedPairs).padStart(12)} pairs ${String(r.decisions.POSSIBLE_MATCH ?? 0).padStart(10)}  ${r.recordsPerSecond.toFixed(0).padStart(9)}  ${met}\n`,
    );
    if (r.mixedPersons.length)
      process.stdout.write(
        `          ${r.mixedPersons.length} persons hold records of several true persons; the largest hold ${r.mixedPersons.slice(0, 8).join(', ')} records\n`,
      );
    if (r.joinedAs.length) {
      process.stdout.write(
        `          how their records of two true persons compare (found persons with such a pair, most first):\n`,
      );
      for (const [levels, persons] of r.joinedAs.slice(0, 6))
        process.stdout.write(`          ${String(persons).padStart(5)}  ${levels}\n`);
    }
    if (r.apartAs.length) {
      process.stdout.write(
        `          how the records of one true person on two found persons compare, and what the later one was linked as (true persons, most first):\n`,
      );
      for (const [levels, persons] of r.apartAs.slice(0, 6))
        process.stdout.write(`          ${String(persons).padStart(5)}  ${levels}\n`);
    }
  }
}

main();
