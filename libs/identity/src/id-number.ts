import { storableText } from './storable-text';

/**
 * 居民身份证号码 per GB 11643-1999, and the 15-digit legacy form it replaced.
 * Feeds carry full-width digits, lower-case x, spaces and dashes, typing errors and legacy numbers;
 * none of these is a reason to drop a record, so parsing reports flags instead of throwing.
 */
export type IdNumberKind = 'RESIDENT_ID' | 'HMT_PERMIT' | 'MALFORMED';

export type IdNumberFlag =
  | 'ID_REFORMATTED' // full-width, separators or lower-case x were cleaned up
  | 'ID_LEGACY_15' // a 15-digit number, converted to 18
  | 'ID_CHECKSUM_INVALID'
  | 'ID_REGION_UNKNOWN'
  | 'ID_BIRTHDATE_INVALID'
  | 'ID_MALFORMED';

export interface ParsedIdNumber {
  /** What the department sent. */
  raw: string;
  /** Cleaned 18-character form (legacy numbers converted); the raw cleaned text when malformed. */
  normalized: string;
  kind: IdNumberKind;
  regionCode: string | null;
  birthDate: string | null;
  gender: 'M' | 'F' | null;
  flags: IdNumberFlag[];
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level prefixes of GB/T 2260, plus 81/82/83 for 港澳台居民居住证. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);
const HMT_PREFIXES = new Set(['81', '82', '83']);

export function isKnownProvince(prefix2: string): boolean {
  return PROVINCES.has(prefix2);
}

/** GB 11643 check character of 17 digits; '' for anything else (no number has that check digit). */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Full-width to ASCII, separators removed, x upper-cased. */
export function cleanIdNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\-_.·]/g, '')
    .toUpperCase();
}

/** The 18-digit form of a 15-digit legacy number: century 19 inserted, check digit appended. */
export function upgradeLegacyIdNumber(legacy15: string): string {
  const first17 = legacy15.slice(0, 6) + '19' + legacy15.slice(6);
  return first17 + checkDigit(first17);
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/**
 * The first 17 characters of a well-formed number, or null: what tells a person (the 18th only checks them), so what
 * the hub claims, blocks and looks people up by. A number whose check fails still has them (a slip may be anywhere).
 */
export function first17Of(id: ParsedIdNumber | null): string | null {
  return id && id.kind !== 'MALFORMED' ? id.normalized.slice(0, 17) : null;
}

export function parseIdNumber(raw: string, today: Date = new Date()): ParsedIdNumber {
  const cleaned = cleanIdNumber(raw);
  const flags: IdNumberFlag[] = [];
  if (cleaned !== raw) flags.push('ID_REFORMATTED');

  let full: string;
  if (/^\d{15}$/.test(cleaned)) {
    flags.push('ID_LEGACY_15');
    full = upgradeLegacyIdNumber(cleaned);
  } else if (/^\d{17}[\dX]$/.test(cleaned)) {
    full = cleaned;
    if (checkDigit(full.slice(0, 17)) !== full[17]) flags.push('ID_CHECKSUM_INVALID');
  } else {
    flags.push('ID_MALFORMED');
    return { raw, normalized: cleaned, kind: 'MALFORMED', regionCode: null, birthDate: null, gender: null, flags };
  }

  const regionCode = full.slice(0, 6);
  if (!isKnownProvince(regionCode.slice(0, 2))) flags.push('ID_REGION_UNKNOWN');
  const year = Number(full.slice(6, 10));
  const month = Number(full.slice(10, 12));
  const day = Number(full.slice(12, 14));
  let birthDate: string | null = `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`;
  const born = Date.UTC(year, month - 1, day);
  if (year < 1880 || !isCalendarDate(year, month, day) || born > today.getTime()) {
    flags.push('ID_BIRTHDATE_INVALID');
    birthDate = null;
  }
  const gender = (full.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  const kind: IdNumberKind = HMT_PREFIXES.has(regionCode.slice(0, 2)) ? 'HMT_PERMIT' : 'RESIDENT_ID';
  return { raw, normalized: full, kind, regionCode, birthDate, gender, flags };
}

/** The shape of a resident ID (GB 11643, 18 characters, or the legacy 15 digits), whose first six are a region. */
const RESIDENT_SHAPE = /^(?:\d{17}[\dX]|\d{15})$/;

/**
 * Masks an ID number of any `idType` (contract section 4), by its shape:
 * - resident shape (RESIDENT_ID, HMT_PERMIT, the 18-digit FOREIGN_PR of 2023): region and last four kept,
 *   330502********123X, enough for a caseworker to tell two apart;
 * - anything else (PASSPORT, the 15-character FOREIGN_PR, malformed numbers) of 6 or more characters:
 *   first and last two kept, E******78;
 * - under 6 characters: stars only.
 * The mask has one star per hidden character (code point), so it never throws on a short or odd
 * number, and it is storable text whatever the department sent.
 */
export function maskIdNumber(idNumber: string | null | undefined): string {
  if (!idNumber) return '';
  const s = storableText(cleanIdNumber(idNumber));
  const chars = Array.from(s);
  if (RESIDENT_SHAPE.test(s)) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
  if (chars.length < 6) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 3) + chars.slice(-2).join('');
}
