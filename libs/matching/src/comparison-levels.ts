import { NormalizedName, ParsedIdNumber } from '@hub/identity';
import { adjacentTransposition, jaroWinkler, oneSubstitution } from './string-similarity';

/**
 * Comparison levels of the Fellegi-Sunter model (issue #3): for each field, which level of agreement
 * two records reach. The model learns a weight per level; the levels themselves are fixed here so a
 * reviewer can read them ("same pinyin", "one digit off").
 */
export type IdNumberLevel =
  'EXACT' | 'EXACT_AFTER_UPGRADE' | 'ONE_DIGIT_OFF' | 'TRANSPOSITION' | 'DIFFERENT' | 'MISSING';
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
  // Equal first 17 digits: only the typed check digit differs.
  if (x === y || oneSubstitution(x, y)) return 'ONE_DIGIT_OFF';
  if (adjacentTransposition(x, y)) return 'TRANSPOSITION';
  return 'DIFFERENT';
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

/** YYYY-MM-DD dates; ONE_PART_DIFFERENT catches a typo in the year, month or day alone, or day and month swapped. */
export function compareDates(a: string | null | undefined, b: string | null | undefined): DateLevel {
  if (!a || !b) return 'MISSING';
  if (a === b) return 'EXACT';
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  const same = Number(ya === yb) + Number(ma === mb) + Number(da === db);
  if (same === 2) return 'ONE_PART_DIFFERENT';
  if (ya === yb && ma === db && da === mb) return 'ONE_PART_DIFFERENT';
  return 'DIFFERENT';
}

export function compareExact(a: string | null | undefined, b: string | null | undefined): ExactLevel {
  if (!a || !b) return 'MISSING';
  return a === b ? 'EXACT' : 'DIFFERENT';
}
