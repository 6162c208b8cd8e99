import { NormalizedName, ParsedIdNumber, normalizeName, normalizePhone, parseIdNumber } from '@hub/identity';
import { DateLevel, compareDates, compareExact, compareIdNumbers, compareNames } from './comparison-levels';
import { FieldSpec } from './fellegi-sunter';

/** What the matcher knows of a department record's person, normalised once. */
export interface MatchIdentity {
  id: ParsedIdNumber | null;
  name: NormalizedName;
  /** Birth date as sent, else the one the ID number carries. */
  birthDate: string | null;
  gender: string | null;
  phone: string | null;
  region: string | null;
}

/** The identity block of contract section 4, as far as matching uses it. */
export interface IdentityBlock {
  idType?: string;
  idNumber?: string;
  name: string;
  gender?: string;
  birthDate?: string;
  phone?: string;
  hukouRegion?: string;
}

const RESIDENT_FORMS = new Set([undefined, 'RESIDENT_ID', 'HMT_PERMIT']);

export function toMatchIdentity(person: IdentityBlock): MatchIdentity {
  const id = person.idNumber && RESIDENT_FORMS.has(person.idType) ? parseIdNumber(person.idNumber) : null;
  return {
    id,
    name: normalizeName(person.name),
    birthDate: person.birthDate ?? id?.birthDate ?? null,
    gender: person.gender === 'M' || person.gender === 'F' ? person.gender : (id?.gender ?? null),
    phone: person.phone ? normalizePhone(person.phone).normalized : null,
    region: person.hukouRegion ?? null,
  };
}

export const IDENTITY_FIELDS: FieldSpec[] = [
  {
    field: 'idNumber',
    levels: ['EXACT', 'EXACT_AFTER_UPGRADE', 'ONE_DIGIT_OFF', 'TRANSPOSITION', 'SEQUENCE_DIGIT_OFF', 'DIFFERENT'],
  },
  { field: 'name', levels: ['EXACT', 'EXACT_AFTER_SIMPLIFICATION', 'SAME_PINYIN', 'SIMILAR', 'DIFFERENT'] },
  { field: 'birthDate', levels: ['EXACT', 'ONE_PART_DIFFERENT', 'DIFFERENT'] },
  { field: 'gender', levels: ['EXACT', 'DIFFERENT'] },
  { field: 'phone', levels: ['EXACT', 'DIFFERENT'] },
  { field: 'region', levels: ['EXACT', 'DIFFERENT'] },
];

type IdentityField = 'idNumber' | 'name' | 'birthDate' | 'gender' | 'phone' | 'region';

/** How each field of two identities compares; `compareIdentities` puts them in IDENTITY_FIELDS order. */
const COMPARE_FIELD: Record<IdentityField, (a: MatchIdentity, b: MatchIdentity) => string> = {
  idNumber: (a, b) => compareIdNumbers(a.id, b.id),
  name: (a, b) => compareNames(a.name, b.name),
  birthDate: (a, b) => compareBirthDates(a, b),
  gender: (a, b) => compareExact(a.gender, b.gender),
  phone: (a, b) => compareExact(a.phone, b.phone),
  region: (a, b) => compareExact(a.region, b.region),
};
const COMPARE_IN_ORDER = IDENTITY_FIELDS.map((f) => COMPARE_FIELD[f.field as IdentityField]);
/** Where each field's level sits in a comparison vector. */
const POSITION = Object.fromEntries(IDENTITY_FIELDS.map((f, i) => [f.field, i])) as Record<IdentityField, number>;

/** Comparison vector in IDENTITY_FIELDS order. */
export function compareIdentities(a: MatchIdentity, b: MatchIdentity): string[] {
  return COMPARE_IN_ORDER.map((compare) => compare(a, b));
}

/** A field's level in a comparison vector made by `compareIdentities`. */
const levelOf = (vector: string[], field: IdentityField): string => vector[POSITION[field]];

/** Birth date levels from closest to farthest, as the model lists them, then MISSING. */
const DATE_LEVEL_RANK = [...IDENTITY_FIELDS.find((f) => f.field === 'birthDate')!.levels, 'MISSING'];

/**
 * The dates a record gives for its person's birth: the one sent and, when it says otherwise, the one its trusted ID
 * number carries (出生日期码). A department that typed 1991-02-20 beside an ID number of 1992-02-20 still names a
 * person born on one of the two; read from the sent date alone, a record without ID number (医保 often sends none)
 * disagreed with it and went to review, or joined the person only once a third record had agreed with both.
 */
export function birthDatesOf(x: MatchIdentity): string[] {
  const fromId = isTrustedIdNumber(x.id) ? x.id.birthDate : null;
  return [...new Set([x.birthDate, fromId].filter((d): d is string => !!d))];
}

/** The closest level between any birth date of one record and any of the other (`birthDatesOf`). */
export function compareBirthDates(a: MatchIdentity, b: MatchIdentity): DateLevel {
  let best: DateLevel = 'MISSING';
  const datesOfB = birthDatesOf(b);
  for (const da of birthDatesOf(a))
    for (const db of datesOfB) {
      const level = compareDates(da, db);
      if (DATE_LEVEL_RANK.indexOf(level) < DATE_LEVEL_RANK.indexOf(best)) best = level;
    }
  return best;
}

/**
 * A comparison the model may score over the match threshold that a reviewer must still confirm, unless the phone
 * agrees: a trusted ID number and another that differs from it beyond a typo; or no ID numbers to compare and the
 * phone, birth date, gender or region disagreeing. A rare name weighs enough to carry a
 * one-slip birth date over the threshold, and at 1M persons (eval:match) 44 of the 68 found persons joining two real
 * people were namesakes of one district, no ID number on one side, birth dates one slip apart (1992-11-28 and
 * 1996-11-28): what a typo also looks like, so only a person who can ask the family tells the two apart.
 */
export function needsReviewer(vector: string[], a: MatchIdentity, b: MatchIdentity): boolean {
  if (levelOf(vector, 'phone') === 'EXACT') return false;
  const idNumber = levelOf(vector, 'idNumber');
  // A trusted ID number and one failing its checks, farther apart than one typing slip (two trusted ones decide
  // alone, `certainRule`): 蔡雨 of 330502 (区划码 typed 334502) joined 蔡雨 of 330521, born the same day, on name and
  // date. Two numbers that both fail their checks may be two slips of one number, each record's own typo (at 1M
  // events a first version that held them too put such pairs, most with the phone agreeing, behind some 20 false
  // provisional omissions).
  if (idNumber === 'DIFFERENT') return isTrustedIdNumber(a.id) || isTrustedIdNumber(b.id);
  if (idNumber !== 'MISSING') return false;
  // Two phones on record that differ, with no ID numbers to compare: namesakes born the same day in one region fit
  // on name and date alone (王兰 of 330521, 1960-06-13: her 低保 record with an ID number joined the other 王兰's
  // 特困 record without one at 19.4 bits, phone different, and the other's records then found that person
  // contradicted by the ID number; which of the two met first decided, so two matchers raised a 低保+特困 duplicate on
  // a person one matcher had kept apart). A changed phone looks the same, so a reviewer decides.
  if (levelOf(vector, 'phone') === 'DIFFERENT') return true;
  return (['birthDate', 'gender', 'region'] as const).some((field) => {
    const level = levelOf(vector, field);
    return level !== 'EXACT' && level !== 'MISSING';
  });
}

/** An ID number whose checks all pass: reformatting and the 15→18 upgrade are not doubts. */
export function isTrustedIdNumber(id: ParsedIdNumber | null): id is ParsedIdNumber {
  return !!id && id.kind !== 'MALFORMED' && id.flags.every((f) => f === 'ID_REFORMATTED' || f === 'ID_LEGACY_15');
}

/**
 * Deterministic rules, before the model: two trusted ID numbers decide alone. Equal: the same person.
 * Different: two people, whatever their names and birth dates say (twins, namesakes). Otherwise undefined.
 */
export function certainRule(a: MatchIdentity, b: MatchIdentity): boolean | undefined {
  if (!isTrustedIdNumber(a.id) || !isTrustedIdNumber(b.id)) return undefined;
  return a.id.normalized === b.id.normalized;
}
