import { newDataKeys, parseDataKeys, withNewCurrentKey } from './data-keys';
import { BLINDED_PREFIX, PersonalDataVault } from './personal-data-vault';

describe('personal data at rest (issue 12)', () => {
  const spec = newDataKeys();
  const vault = new PersonalDataVault(parseDataKeys(spec, 'HUB_DATA_KEYS'));
  const identity = {
    name: { raw: '王小明', normalized: '王小明' },
    id: { normalized: '330502199001011234' },
    phone: '13800000000',
  };

  it('seals a value so that it opens only with its key and the row it was sealed for', () => {
    const sealed = vault.seal(identity, 'civil-affairs\u0000P1');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed.toString('latin1')).not.toContain('330502199001011234');
    expect(vault.open(sealed, 'civil-affairs\u0000P1')).toEqual(identity);
    expect(() => vault.open(sealed, 'civil-affairs\u0000P2')).toThrow();
    const tampered = Buffer.from(sealed.sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => vault.open({ keyId: 'k1', sealed: tampered }, 'civil-affairs\u0000P1')).toThrow();
  });

  it('seals the same value differently each time (a fresh iv), so equal identities cannot be told apart at rest', () => {
    expect(vault.seal(identity, 'c').sealed.equals(vault.seal(identity, 'c').sealed)).toBe(false);
  });

  it('opens values sealed under an earlier key after a rotation, and seals new ones under the new key', () => {
    const rotated = new PersonalDataVault(parseDataKeys(withNewCurrentKey(spec, 'file'), 'file'));
    const old = vault.seal(identity, 'c');
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.open(old, 'c')).toEqual(identity);
    expect(rotated.seal(identity, 'c').keyId).toBe('k2');
    // Once every value is sealed anew, the old key may go; a value still under it then fails by name.
    const withoutOld = JSON.parse(withNewCurrentKey(spec, 'file'));
    delete withoutOld.keys.k1;
    expect(() => new PersonalDataVault(parseDataKeys(JSON.stringify(withoutOld), 'file')).open(old, 'c')).toThrow(
      /key k1/,
    );
  });

  it('blinds lookup values the same way every time, under the blinding key only', () => {
    expect(vault.blind('id:33050219900101123')).toBe(vault.blind('id:33050219900101123'));
    expect(vault.blind('id:33050219900101123')).not.toBe(vault.blind('id:33050219900101124'));
    expect(vault.blind('王小明').startsWith(BLINDED_PREFIX)).toBe(true);
    expect(vault.blind('王小明')).toHaveLength(BLINDED_PREFIX.length + 22);
    const rotated = new PersonalDataVault(parseDataKeys(withNewCurrentKey(spec, 'file'), 'file'));
    expect(rotated.blind('王小明')).toBe(vault.blind('王小明'));
    expect(new PersonalDataVault(parseDataKeys(newDataKeys(), 'other')).blind('王小明')).not.toBe(
      vault.blind('王小明'),
    );
  });

  it('blinds block keys to signed 64-bit numbers the same way every time, under the blinding key only', () => {
    const key = 'nry:王小明|330502|1990';
    const number = vault.blindNumber(key);
    expect(number).toMatch(/^-?\d{1,19}$/);
    expect(BigInt(number) >= -(2n ** 63n) && BigInt(number) < 2n ** 63n).toBe(true);
    expect(vault.blindNumber(key)).toBe(number);
    expect(vault.blindNumber('nry:王小明|330502|1991')).not.toBe(number);
    // The UTF-8 bytes are hashed: a long value after a short one does not reuse the short one's bytes.
    expect(vault.blindNumber(`${key}${'·'.repeat(300)}`)).not.toBe(vault.blindNumber(`${key}${'·'.repeat(299)}`));
    expect(vault.blindNumber('nr')).not.toBe(vault.blindNumber('nr\u0000'));
    const rotated = new PersonalDataVault(parseDataKeys(withNewCurrentKey(spec, 'file'), 'file'));
    expect(rotated.blindNumber(key)).toBe(number);
    expect(new PersonalDataVault(parseDataKeys(newDataKeys(), 'other')).blindNumber(key)).not.toBe(number);
    // Both signs occur (the table's bigint takes the whole range).
    const signs = new Set(Array.from({ length: 64 }, (_, i) => vault.blindNumber(`ph:1380000${i}`).startsWith('-')));
    expect(signs.size).toBe(2);
  });

  it('refuses a key set that is not whole, naming the setting and never a key', () => {
    expect(() => parseDataKeys('not json', 'HUB_DATA_KEYS')).toThrow(/HUB_DATA_KEYS is not JSON/);
    expect(() =>
      parseDataKeys(
        JSON.stringify({
          current: 'k9',
          keys: { k1: Buffer.alloc(32).toString('base64') },
          blinding: Buffer.alloc(32).toString('base64'),
        }),
        'f',
      ),
    ).toThrow(/"current" must name one of the keys \(k1\)/);
    expect(() =>
      parseDataKeys(
        JSON.stringify({ current: 'k1', keys: { k1: 'c2hvcnQ=' }, blinding: Buffer.alloc(32).toString('base64') }),
        'f',
      ),
    ).toThrow(/key k1 must be 32 bytes/);
    expect(() =>
      parseDataKeys(JSON.stringify({ current: 'k1', keys: { k1: Buffer.alloc(32).toString('base64') } }), 'f'),
    ).toThrow(/"blinding" must be 32 bytes/);
  });
});
