import { PersonalDataVault, newDataKeys, parseDataKeys } from '@hub/identity';
import { toMatchIdentity } from '@hub/matching';
import { sealIdentity } from './identity-at-rest';
import { OpenedIdentities } from './opened-identities';

describe('OpenedIdentities', () => {
  const vault = new PersonalDataVault(parseDataKeys(newDataKeys(), 'test'));
  const row = (id: string, name: string) => {
    const sealed = sealIdentity(vault, '/330502/health/yb', id, toMatchIdentity({ name }));
    return {
      source: '/330502/health/yb',
      source_person_id: id,
      identity: null,
      identity_sealed: Buffer.from(sealed.identity_sealed, 'base64'),
      key_id: sealed.key_id,
    };
  };

  it('opens a row once while its sealed bytes stay the same, and anew once the record is written again', () => {
    const cache = new OpenedIdentities(vault, 10);
    const first = row('YB-1', '陈建国');
    expect(cache.open(first).name.normalized).toBe('陈建国');
    expect(cache.open({ ...first }).name.normalized).toBe('陈建国');
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    expect(cache.open(row('YB-1', '陈建华')).name.normalized).toBe('陈建华');
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new OpenedIdentities(vault, 2);
    const [a, b, c] = ['A', 'B', 'C'].map((id) => row(id, `张${id}`));
    cache.open(a);
    cache.open(b);
    cache.open(a);
    cache.open(c);
    cache.open(a);
    expect(cache.hits).toBe(2);
    cache.open(b);
    expect(cache.misses).toBe(4);
  });
});
