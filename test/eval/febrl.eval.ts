/**
 * The matching model on the FEBRL record-linkage benchmark (../shared/data/febrl), no labels used:
 *   npm run eval:match
 * For each set: blocking → comparison levels → Fellegi-Sunter with m/u by EM → pairs at posterior
 * ≥ 0.5; prints blocking recall and pairwise precision, recall and F1 against the rec_id ground truth.
 * This is the batch evaluation of the scoring model; febrl-stream.eval.ts runs the streaming linker.
 */
import { FellegiSunterModel } from '@hub/matching';
import { candidatePairs, pairwiseScores } from './blocking';
import { BLOCKING_KEYS, FIELDS, FebrlRecord, compare, load } from './febrl-profile';

function truePairCount(records: FebrlRecord[], crossFilesOnly: boolean): number {
  const byEntity = new Map<string, FebrlRecord[]>();
  for (const r of records) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r]);
  let n = 0;
  for (const group of byEntity.values()) {
    if (!crossFilesOnly) n += (group.length * (group.length - 1)) / 2;
    else
      n += group.filter((r) => r.file.endsWith('a.csv')).length * group.filter((r) => r.file.endsWith('b.csv')).length;
  }
  return n;
}

function evaluate(name: string, records: FebrlRecord[], crossFilesOnly = false): { f1: number } {
  const started = Date.now();
  const pairs = candidatePairs(records, BLOCKING_KEYS, {
    maxBlock: 200,
    accept: crossFilesOnly ? (a, b) => a.file !== b.file : undefined,
  });
  const vectors = pairs.map(([i, j]) => compare(records[i], records[j]));
  const model = FellegiSunterModel.estimate(FIELDS, vectors);
  const truth = truePairCount(records, crossFilesOnly);
  let tp = 0;
  let fp = 0;
  let candidatesTrue = 0;
  pairs.forEach(([i, j], k) => {
    const same = records[i].entity === records[j].entity;
    if (same) candidatesTrue++;
    if (model.probability(vectors[k]) >= 0.5) {
      if (same) tp++;
      else fp++;
    }
  });
  const { precision, recall, f1 } = pairwiseScores(tp, fp, truth);
  process.stdout.write(
    `${name.padEnd(14)} records ${String(records.length).padStart(6)}  candidates ${String(pairs.length).padStart(7)}  ` +
      `blocking recall ${(candidatesTrue / truth).toFixed(4)}  precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}  ` +
      `(λ ${model.prior.toFixed(4)}, ${Date.now() - started} ms)\n`,
  );
  return { f1 };
}

function main(): void {
  process.stdout.write('FEBRL, Fellegi-Sunter with EM (no labels), pairwise metrics; target F1 >= 0.98\n');
  const results = [
    evaluate('dataset1', load('dataset1.csv')),
    evaluate('dataset2', load('dataset2.csv')),
    evaluate('dataset3', load('dataset3.csv')),
    evaluate('dataset4a+4b', [...load('dataset4a.csv'), ...load('dataset4b.csv')], true),
  ];
  const below = results.filter((r) => r.f1 < 0.98).length;
  process.stdout.write(below ? `${below} set(s) below the F1 target\n` : 'every set at or above the F1 target\n');
}

main();
