import fc from 'fast-check';
import { isStorableText } from '@hub/identity';
import { IntakeRejection } from './error-codes';
import { assertStorableText } from './storable-payload';

const rejects = (id: string, data: unknown) => {
  try {
    assertStorableText(id, JSON.stringify(data));
    return false;
  } catch (e) {
    expect(e).toBeInstanceOf(IntakeRejection);
    expect((e as IntakeRejection).code).toBe('INVALID_TEXT');
    return true;
  }
};

describe('assertStorableText', () => {
  it('rejects NUL and unpaired surrogates in the id or anywhere in the data, and nothing else', () => {
    expect(rejects('e-1', { person: { name: '王\u0000明' } })).toBe(true);
    expect(rejects('e-1', { person: { name: '\uD83D' } })).toBe(true);
    expect(rejects('e-1', { nested: [{ deep: 'x\uDC00' }] })).toBe(true);
    expect(rejects('e\u0000', {})).toBe(true);
    expect(rejects('e-1', { person: { name: '王小明😀𠀀' } })).toBe(false);
    // The text "\u0000" (backslash, u, digits) is storable: only the escape means NUL.
    expect(rejects('e-1', { note: '\\u0000 and \\\\ud800' })).toBe(false);
    expect(rejects('e-1', { note: '\\\u0000' })).toBe(true);
  });

  it('agrees with isStorableText on every string', () => {
    const unit = fc.oneof(
      fc.constantFrom('\\', 'u', '0', 'd', '8', '\u0000', '\uD800', '\uDC00', '😀', 'a'),
      fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(rejects('id', { text })).toBe(!isStorableText(text));
      }),
      { seed: 20251202, numRuns: 5000 },
    );
  });
});
