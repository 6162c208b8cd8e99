import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { storableText } from './storable-text';

/**
 * Person names as departments type them: traditional characters (繁體), full-width letters, stray
 * spaces, four different middle dots in minority names. Normalising makes equal names equal;
 * pinyin makes homophones (伟/玮) comparable; the surname split lets the matcher weigh each part.
 */
export type NameFlag =
  | 'NAME_TRADITIONAL' // converted to simplified characters
  | 'NAME_SEPARATOR_UNIFIED' // a minority-name separator (• . ・ ‧ space) became ·
  | 'NAME_WHITESPACE_REMOVED'
  | 'NAME_HAS_LATIN'; // letters outside Han script (transliterated or foreign names)

export interface NormalizedName {
  raw: string;
  /** NFKC, simplified, whitespace removed, minority separators as ·. */
  normalized: string;
  /** Surname (compound surnames recognised); null for minority names with a separator. */
  surname: string | null;
  givenName: string;
  /** Toneless pinyin syllables joined with spaces; surnames read as surnames (单 shan, 曾 zeng). */
  pinyin: string;
  flags: NameFlag[];
}

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** 复姓: two-character surnames that would otherwise be split after their first character. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '皇甫',
  '东方',
  '夏侯',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '宇文',
  '长孙',
  '司徒',
  '独孤',
  '端木',
  '南宫',
  '西门',
  '轩辕',
  '呼延',
  '百里',
  '闻人',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '钟离',
  '万俟',
]);

const HAN = /\p{Script=Han}/u;
// Middle dots and the characters clerks use for them, including a space between two name parts.
const SEPARATORS = /\s*[·•.・‧∙⋅･]\s*|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

export function normalizeName(raw: string): NormalizedName {
  const flags: NameFlag[] = [];
  let name = raw.normalize('NFKC').trim();

  const hanCount = Array.from(name).filter((c) => HAN.test(c)).length;
  // A space or dot inside a name of three or more Han characters is a minority-name separator;
  // inside a short Han name (王 小明) it is only a typing slip.
  const looksMinority = hanCount >= 4 && /[·•.・‧∙⋅･\s]/u.test(name);
  if (looksMinority) {
    const unified = name.replace(SEPARATORS, '·');
    if (unified !== name) flags.push('NAME_SEPARATOR_UNIFIED');
    name = unified;
  }
  const compact = name.replace(/\s+/gu, '');
  if (compact !== name) flags.push('NAME_WHITESPACE_REMOVED');
  name = compact;

  const simplified = toSimplified(name);
  if (simplified !== name) flags.push('NAME_TRADITIONAL');
  name = simplified;
  if (/[A-Za-z]/.test(name)) flags.push('NAME_HAS_LATIN');

  let surname: string | null = null;
  let givenName = name;
  if (!name.includes('·') && HAN.test(name)) {
    const two = name.slice(0, 2);
    surname = Array.from(name).length > 2 && COMPOUND_SURNAMES.has(two) ? two : Array.from(name)[0];
    givenName = name.slice(surname.length);
  }
  const syllables = (text: string, surnameMode: boolean) =>
    text ? pinyin(text, { toneType: 'none', type: 'array', ...(surnameMode ? { mode: 'surname' } : {}) }) : [];
  const spoken =
    surname !== null ? [...syllables(surname, true), ...syllables(givenName, false)] : syllables(name, false);
  // Stored and compared by the matcher: whatever the raw name held, these are storable text.
  return {
    raw,
    normalized: storableText(name),
    surname: surname === null ? null : storableText(surname),
    givenName: storableText(givenName),
    pinyin: storableText(
      spoken
        .filter((s) => s !== '·' && s.trim() !== '')
        .join(' ')
        .toLowerCase(),
    ),
    flags,
  };
}
