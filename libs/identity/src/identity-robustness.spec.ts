import fc from 'fast-check';
import { ID_TYPES } from '@hub/contract';
import { checkDigit, cleanIdNumber, maskIdNumber, parseIdNumber, upgradeLegacyIdNumber } from './id-number';
import { maskAddress, maskBirthDate, maskName, maskPhone } from './masking';
import { normalizeName } from './person-name';
import { normalizePhone } from './phone';
import { normalizeRegionCode } from './region-code';
import { isStorableText, storableText } from './storable-text';

/**
 * Every identity path is total: whatever a department types into an identity block (contract section 4),
 * for every idType and every length 0-64, nothing here throws and everything derived is storable text.
 * Seeded, so a failure replays; fast-check prints the seed and the shrunk input.
 */
const RUNS = { seed: 20251202, numRuns: 2000 };

/** Characters feeds really carry, and the ones that break naive code: NUL, unpaired surrogates, emoji, combining marks. */
const ODD = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '😀',
  '𠀀',
  'e\u0301',
  '\u200B',
  '\uFEFF',
  '\t',
  '\n',
  ' ',
  '　',
  '·',
  '•',
  '.',
  '・',
  '-',
  '_',
  '/',
  '\\',
  '"',
  "'",
  '%',
  '<',
  '?',
  '\u202E',
  'ß',
  'İ',
  'ﬁ',
];
const ID_CHARS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'X',
  'x',
  'E',
  'G',
  'U',
  'S',
  'A',
  '１',
  '２',
  '９',
  'Ｘ',
  'ｘ',
  ...ODD,
];
const NAME_CHARS = [
  '王',
  '小',
  '明',
  '欧',
  '阳',
  '單',
  '曾',
  '買',
  '提',
  '艾',
  '力',
  '陳',
  '國',
  'a',
  'Z',
  'Ｌ',
  'ｉ',
  ...ODD,
];

const textOf = (pool: string[], maxLength: number) =>
  fc.array(fc.constantFrom(...pool), { minLength: 0, maxLength }).map((cs) => cs.join(''));
/** Any string at all, including lone surrogates (fast-check's 'binary' unit never makes those). */
const anyText = (maxLength: number) =>
  fc.oneof(
    textOf(ID_CHARS, maxLength),
    textOf(NAME_CHARS, maxLength),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength }),
  );
const idNumberOfLength = (length: number) =>
  fc.array(fc.constantFrom(...ID_CHARS), { minLength: length, maxLength: length }).map((cs) => cs.join(''));
const anyIdNumber = fc.oneof(fc.integer({ min: 0, max: 64 }).chain(idNumberOfLength), anyText(64));
const idType = fc.constantFrom<string | undefined>(...ID_TYPES, undefined, 'DRIVING_LICENCE', '');

describe('identity paths never throw', () => {
  it('parses, cleans, upgrades and check-digits any ID number of any idType and length 0-64', () => {
    fc.assert(
      fc.property(idType, anyIdNumber, (_type, raw) => {
        const id = parseIdNumber(raw, new Date('2026-01-01T00:00:00Z'));
        expect(['RESIDENT_ID', 'HMT_PERMIT', 'MALFORMED']).toContain(id.kind);
        if (id.kind !== 'MALFORMED') expect(id.normalized).toMatch(/^\d{17}[\dX]$/);
        expect(cleanIdNumber(raw)).toEqual(expect.any(String));
        expect(upgradeLegacyIdNumber(raw)).toEqual(expect.any(String));
        expect(['', ...'10X98765432']).toContain(checkDigit(raw));
      }),
      RUNS,
    );
  });

  it('masks any ID number of every length 0-64: storable, one star per hidden character, never the whole number', () => {
    for (let length = 0; length <= 64; length++) {
      fc.assert(
        fc.property(idNumberOfLength(length), (raw) => {
          const masked = maskIdNumber(raw);
          expect(isStorableText(masked)).toBe(true);
          const cleaned = Array.from(storableText(cleanIdNumber(raw)));
          expect(Array.from(masked).length).toBe(cleaned.length);
          if (cleaned.length > 0) expect(masked).toContain('*');
        }),
        { seed: RUNS.seed + length, numRuns: 100 },
      );
    }
    fc.assert(
      fc.property(anyText(64), (raw) => expect(isStorableText(maskIdNumber(raw))).toBe(true)),
      RUNS,
    );
  });

  it('normalises any name: storable normalised form, surname and pinyin', () => {
    fc.assert(
      fc.property(anyText(64), (raw) => {
        const n = normalizeName(raw);
        for (const text of [n.normalized, n.givenName, n.pinyin, n.surname ?? ''])
          expect(isStorableText(text)).toBe(true);
        expect(isStorableText(maskName(raw))).toBe(true);
      }),
      RUNS,
    );
  });

  it('normalises and masks any phone, region, address and birth date', () => {
    fc.assert(
      fc.property(anyText(64), (raw) => {
        const phone = normalizePhone(raw);
        if (phone.normalized !== null) expect(phone.normalized).toMatch(/^\d+$/);
        const region = normalizeRegionCode(raw);
        if (region.normalized !== null) expect(region.normalized).toMatch(/^\d{6}$/);
        for (const masked of [maskPhone(raw), maskAddress(raw), maskBirthDate(raw)])
          expect(isStorableText(masked)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('masking shapes per idType (contract section 4, and the subject of section 6: 330502********123X)', () => {
  it.each([
    ['RESIDENT_ID', '33050219800101123X', '330502********123X'],
    ['RESIDENT_ID, lower-case x and separators', '330502 19800101-123x', '330502********123X'],
    ['RESIDENT_ID, legacy 15 digits', '330502800101123', '330502*****1123'],
    ['HMT_PERMIT', '810000199001011234', '810000********1234'],
    ['FOREIGN_PR of 2023 (18 digits)', '911156198001010018', '911156********0018'],
    ['FOREIGN_PR before 2023 (15 characters)', 'USA110079091502', 'U************02'],
    ['PASSPORT (9 characters)', 'E12345678', 'E******78'],
    ['PASSPORT (8 characters)', 'G1234567', 'G*****67'],
    ['a short malformed number', '12345', '*****'],
    ['a single character', 'E', '*'],
    ['nothing', '', ''],
  ])('%s: %s → %s', (_kind, raw, masked) => {
    expect(maskIdNumber(raw)).toBe(masked);
  });

  it('names and phones: first and last kept', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('买买提·艾力')).toBe('买****力');
    expect(maskName('𠀀小𠀀')).toBe('𠀀*𠀀');
    expect(maskPhone('13800001234')).toBe('138****1234');
  });
});

describe('storableText', () => {
  it('drops NUL and replaces unpaired surrogates, keeping pairs', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('a\uD800b\uDFFF😀')).toBe('a\uFFFDb\uFFFD😀');
    expect(isStorableText('王小明😀')).toBe(true);
    expect(isStorableText('\uD83D')).toBe(false);
  });
});
