/**
 * The FEBRL field profile (../shared/data/febrl): columns, comparison levels and blocking keys, shared
 * by the batch evaluation (febrl.eval.ts) and the streaming one (febrl-stream.eval.ts). `rec_id` is
 * ground truth only: it names the entity, and is never compared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FieldSpec,
  LinkingProfile,
  adjacentTransposition,
  compareDates,
  jaroWinkler,
  oneSubstitution,
} from '@hub/matching';

const DATA = path.resolve(__dirname, '../../../shared/data/febrl');

export interface FebrlRecord {
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

export function load(file: string): FebrlRecord[] {
  const lines = fs.readFileSync(path.join(DATA, file), 'utf8').trim().split('\n');
  return lines.slice(1).map((line) => {
    const f = line.split(',').map((x) => x.trim().toLowerCase());
    // rec_id is ground truth only: it names the entity, and is never compared.
    return {
      id: f[0],
      entity: f[0].split('-')[1],
      file,
      given: f[1],
      surname: f[2],
      streetNumber: f[3],
      address: f[4],
      suburb: f[6],
      postcode: f[7],
      state: f[8],
      dob: f[9],
      ssn: f[10],
    };
  });
}

const textLevels = ['EXACT', 'SIMILAR', 'PARTIAL', 'DIFFERENT'];
export const FIELDS: FieldSpec[] = [
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

export function compare(a: FebrlRecord, b: FebrlRecord): string[] {
  const swapped = a.given && a.surname && a.given === b.surname && a.surname === b.given;
  return [
    swapped ? 'SWAPPED' : text(a.given, b.given),
    swapped ? 'SWAPPED' : text(a.surname, b.surname),
    compareDates(isoDate(a.dob) || null, isoDate(b.dob) || null),
    digits(a.ssn, b.ssn),
    !a.streetNumber || !b.streetNumber ? 'MISSING' : a.streetNumber === b.streetNumber ? 'EXACT' : 'DIFFERENT',
    text(a.address, b.address),
    text(a.suburb, b.suburb),
    (() => {
      const l = digits(a.postcode, b.postcode);
      return l === 'TRANSPOSITION' ? 'DIFFERENT' : l;
    })(),
    !a.state || !b.state ? 'MISSING' : a.state === b.state ? 'EXACT' : 'DIFFERENT',
  ];
}

/** Several cheap keys; a pair is a candidate if any key agrees. */
export const BLOCKING_KEYS: ((r: FebrlRecord) => string[])[] = [
  (r) => [r.ssn],
  (r) => [r.dob],
  (r) => [r.surname && r.given ? `${r.surname.slice(0, 2)}|${r.given.slice(0, 1)}` : ''],
  (r) => [r.given && r.surname ? [r.given, r.surname].sort().join('|') : ''],
  (r) => [r.postcode && r.streetNumber ? `${r.postcode}|${r.streetNumber}` : ''],
  (r) => [r.address ? `${r.address.slice(0, 6)}|${r.suburb.slice(0, 3)}` : ''],
];

/** The same keys for the streaming linker: each record stores and probes them all. */
export const FEBRL_PROFILE: LinkingProfile<FebrlRecord> = {
  keys: (r) => {
    const keys = BLOCKING_KEYS.flatMap((key, i) =>
      key(r)
        .filter(Boolean)
        .map((k) => `${i}:${k}`),
    );
    return { stored: keys, probe: keys };
  },
  compare,
  certain: () => undefined,
  frequencyTerm: () => '',
};
