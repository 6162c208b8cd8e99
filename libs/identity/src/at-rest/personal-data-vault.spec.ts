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
