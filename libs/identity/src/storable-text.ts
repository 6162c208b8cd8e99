/**
 * Text PostgreSQL can store: `text` and `jsonb` refuse NUL, and a UTF-16 half of a pair with no other
 * half (legal in a JS string and in JSON escapes) is refused by `jsonb` and cannot be written as UTF-8.
 * A department may send either inside JSON; intake rejects such text, and whatever the hub derives from
 * text (masks, normalised forms) passes through `storableText` so it can never be the thing refused.
 */
// With the u flag a surrogate pair is one code point, so the range matches only unpaired halves.
const UNSTORABLE = /\u0000|[\uD800-\uDFFF]/u;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'gu');

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** NUL dropped, each unpaired surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));
}
