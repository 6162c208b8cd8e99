import { NormalizedName, ParsedIdNumber } from '@hub/identity';
import { adjacentTransposition, jaroWinkler, oneSubstitution } from './string-similarity';

/**
 * Comparison levels of the Fellegi-Sunter model (issue #3): for each field, which level of agreement
 * two records reach. The model learns a weight per level; the levels themselves are fixed here so a
 * reviewer can read them ("same pinyin", "one digit off").
 */
export type IdNumberLevel =
  'EXACT' | 'EXACT_AFTER_UPGRADE' | 'ONE_DIGIT_OFF' | 'TRANSPOSITION' | 'SEQUENCE_DIGIT_OFF' | 'DIFFERENT' | 'MISSING';

/** Digits of the first 17 that name the region (6) and the birth date (8); the sequence code (顺序码, 3) follows. */
const REGION_AND_BIRTH_DATE = 14;
export type NameLevel = 'EXACT' | 'EXACT_AFTER_SIMPLIFICATION' | 'SAME_PINYIN' | 'SIMILAR' | 'DIFFERENT' | 'MISSING';
export type DateLevel = 'EXACT' | 'ONE_PART_DIFFERENT' | 'DIFFERENT' | 'MISSING';
export type ExactLevel = 'EXACT' | 'DIFFERENT' | 'MISSING';

export function compareIdNumbers(
  a: ParsedIdNumber | null | undefined,
  b: ParsedIdNumber | null | undefined,
): IdNumberLevel {
  if (!a || !b || a.kind === 'MALFORMED' || b.kind === 'MALFORMED') return 'MISSING';
  if (a.normalized === b.normalized) {
    const upgraded = a.flags.includes('ID_LEGACY_15') !== b.flags.includes('ID_LEGACY_15');
    return upgraded ? 'EXACT_AFTER_UPGRADE' : 'EXACT';
  }
  // The check digit is derived: a typo in the first 17 digits shows as one digit off there.
  const x = a.normalized.slice(0, 17);
  const y = b.normalized.slice(0, 17);
  // Equal first 17 digits (only the check digits differ) are a slip too: one number has a typo, in its check digit
  // or in a digit of its first 17 that landed on a neighbour's number. At 1M persons the second happened as often as
  // the first (11 of 68 found persons joining two real people in eval:match: a transposed 顺序码, names different).
  const slip =
    x === y || oneSubstitution(x, y) ? 'ONE_DIGIT_OFF' : adjacentTransposition(x, y) ? 'TRANSPOSITION' : 'DIFFERENT';
  // A slip in the sequence code between numbers of one region and birth date: people born on one day in one district
  // differ there in one digit by chance (about 3 in 100 pairs), and their birth date and region agree as fields too.
  // Counted as a strong near-miss it joined such neighbours with different names (issue 11, eval:match at 1M persons).
  if (slip !== 'DIFFERENT' && x.slice(0, REGION_AND_BIRTH_DATE) === y.slice(0, REGION_AND_BIRTH_DATE))
    return 'SEQUENCE_DIGIT_OFF';
  return slip;
}

/** Jaro-Winkler on the normalised form at or above which two names count as SIMILAR. */
export const NAME_SIMILAR_THRESHOLD = 0.88;

export function compareNames(a: NormalizedName | null | undefined, b: NormalizedName | null | undefined): NameLevel {
  if (!a || !b || !a.normalized || !b.normalized) return 'MISSING';
  if (a.raw.normalize('NFKC').trim() === b.raw.normalize('NFKC').trim()) return 'EXACT';
  if (a.normalized === b.normalized) return 'EXACT_AFTER_SIMPLIFICATION';
  if (a.pinyin && a.pinyin === b.pinyin) return 'SAME_PINYIN';
  const similarity = Math.max(jaroWinkler(a.normalized, b.normalized), jaroWinkler(a.pinyin, b.pinyin));
  return similarity >= NAME_SIMILAR_THRESHOLD ? 'SIMILAR' : 'DIFFERENT';
}

/**
 * One slip of the hand between two parts of a date: off by one (a day, a month, a year: 1979 → 1980, the day
 * before), one digit replaced, or two adjacent digits swapped. 1970 → 2006 is not one: two namesakes born on
 * the same day of the year, decades apart (a father and son 罗海), agree in month and day by chance.
 */
function oneSlip(a: string, b: string): boolean {
  return Math.abs(Number(a) - Number(b)) === 1 || oneSubstitution(a, b) || adjacentTransposition(a, b);
}

/**
 * YYYY-MM-DD dates; ONE_PART_DIFFERENT catches a typo in the year, month or day alone (oneSlip), or day and month
 * swapped. Issue 11: any year, month or day counted as a typo, and at 1M persons half of the different persons the
 * linker joined were namesakes whose dates agreed in two parts and differed far in the third (eval:match).
 */
export function compareDates(a: string | null | undefined, b: string | null | undefined): DateLevel {
  if (!a || !b) return 'MISSING';
  if (a === b) return 'EXACT';
  const pa = a.split('-');
  const pb = b.split('-');
  const differing = [0, 1, 2].filter((i) => pa[i] !== pb[i]);
  if (differing.length === 1 && oneSlip(pa[differing[0]], pb[differing[0]])) return 'ONE_PART_DIFFERENT';
  const [ya, ma, da] = pa;
  const [yb, mb, db] = pb;
  if (ya === yb && ma === db && da === mb) return 'ONE_PART_DIFFERENT';
  return 'DIFFERENT';
}

export function compareExact(a: string | null | undefined, b: string | null | undefined): ExactLevel {
  if (!a || !b) return 'MISSING';
  return a === b ? 'EXACT' : 'DIFFERENT';
}
