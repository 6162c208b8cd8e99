/**
 * The matching model on the FEBRL record-linkage benchmark (../shared/data/febrl), no labels used:
 *   npm run eval:match
 * For each set: blocking → comparison levels → Fellegi-Sunter with m/u by EM → pairs at posterior
 * ≥ 0.5; prints blocking recall and pairwise precision, recall and F1 against the rec_id ground truth.
 * This is the batch evaluation of the scoring model of issue #3; the streaming matcher is not built yet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { candidatePairs, pairwiseScores } from './blocking';
import { FellegiSunterModel, FieldSpec, adjacentTransposition, compareDates, jaroWinkler, oneSubstitution } from '@hub/matching';

const DATA = path.resolve(__dirname, '../../../shared/data/febrl');

interface FebrlRecord {
  id: string;
  entity: string;
  file: string;
  given: string;
  surname: string;
  streetNumber: string;
  address: string;
  suburb: string;
  postcode: string;
  state: string;
  dob: string;
  ssn: string;
}

function load(file: string): FebrlRecord[] {
  const lines = fs.readFileSync(path.join(DATA, file), 'utf8').trim().split('\n');
  return lines.slice(1).map((line) => {
    const f = line.split(',').map((x) => x.trim().toLowerCase());
    // rec_id is ground truth only: it names the entity, and is never compared.
    return { id: f[0], entity: f[0].split('-')[1], file, given: f[1], surname: f[2], streetNumber: f[3], address: f[4], suburb: f[6], postcode: f[7], state: f[8], dob: f[9], ssn: f[10] };
  });
}

const textLevels = ['EXACT', 'SIMILAR', 'PARTIAL', 'DIFFERENT'];
const FIELDS: FieldSpec[] = [
  { field: 'given_name', levels: [...textLevels, 'SWAPPED'] },
  { field: 'surname', levels: [...textLevels, 'SWAPPED'] },
  { field: 'date_of_birth', levels: ['EXACT', 'ONE_PART_DIFFERENT', 'DIFFERENT'] },
  { field: 'soc_sec_id', levels: ['EXACT', 'ONE_DIGIT_OFF', 'TRANSPOSITION', 'DIFFERENT'] },
  { field: 'street_number', levels: ['EXACT', 'DIFFERENT'] },
  { field: 'address_1', levels: textLevels },
  { field: 'suburb', levels: textLevels },
  { field: 'postcode', levels: ['EXACT', 'ONE_DIGIT_OFF', 'DIFFERENT'] },
  { field: 'state', levels: ['EXACT', 'DIFFERENT'] },
];

function text(a: string, b: string): string {
  if (!a || !b) return 'MISSING';
  if (a === b) return 'EXACT';
  const s = jaroWinkler(a, b);
  return s >= 0.92 ? 'SIMILAR' : s >= 0.8 ? 'PARTIAL' : 'DIFFERENT';
}

function digits(a: string, b: string): string {
  if (!a || !b) return 'MISSING';
  if (a === b) return 'EXACT';
  if (oneSubstitution(a, b)) return 'ONE_DIGIT_OFF';
  if (adjacentTransposition(a, b)) return 'TRANSPOSITION';
  return 'DIFFERENT';
}

const isoDate = (d: string) => (d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : '');

function compare(a: FebrlRecord, b: FebrlRecord): string[] {
  const swapped = a.given && a.surname && a.given === b.surname && a.surname === b.given;
  return [
    swapped ? 'SWAPPED' : text(a.given, b.given),
    swapped ? 'SWAPPED' : text(a.surname, b.surname),
    compareDates(isoDate(a.dob) || null, isoDate(b.dob) || null),
    digits(a.ssn, b.ssn),
    !a.streetNumber || !b.streetNumber ? 'MISSING' : a.streetNumber === b.streetNumber ? 'EXACT' : 'DIFFERENT',
    text(a.address, b.address),
    text(a.suburb, b.suburb),
    (() => { const l = digits(a.postcode, b.postcode); return l === 'TRANSPOSITION' ? 'DIFFERENT' : l; })(),
    !a.state || !b.state ? 'MISSING' : a.state === b.state ? 'EXACT' : 'DIFFERENT',
  ];
}

/** Several cheap keys; a pair is a candidate if any key agrees. */
const BLOCKING_KEYS: ((r: FebrlRecord) => string[])[] = [
  (r) => [r.ssn],
  (r) => [r.dob],
  (r) => [r.surname && r.given ? `${r.surname.slice(0, 2)}|${r.given.slice(0, 1)}` : ''],
  (r) => [r.given && r.surname ? [r.given, r.surname].sort().join('|') : ''],
  (r) => [r.postcode && r.streetNumber ? `${r.postcode}|${r.streetNumber}` : ''],
  (r) => [r.address ? `${r.address.slice(0, 6)}|${r.suburb.slice(0, 3)}` : ''],
];

function truePairCount(records: FebrlRecord[], crossFilesOnly: boolean): number {
  const byEntity = new Map<string, FebrlRecord[]>();
  for (const r of records) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r]);
  let n = 0;
  for (const group of byEntity.values()) {
    if (!crossFilesOnly) n += (group.length * (group.length - 1)) / 2;
    else n += group.filter((r) => r.file.endsWith('a.csv')).length * group.filter((r) => r.file.endsWith('b.csv')).length;
  }
  return n;
}

function evaluate(name: string, records: FebrlRecord[], crossFilesOnly = false): { f1: number } {
  const started = Date.now();
  const pairs = candidatePairs(records, BLOCKING_KEYS, { maxBlock: 200, accept: crossFilesOnly ? (a, b) => a.file !== b.file : undefined });
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
