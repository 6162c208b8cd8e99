import { BlindingMemo } from './blinding-memo';

describe('BlindingMemo', () => {
  it('keeps what was used lately and forgets the rest once two generations are full', () => {
    const memo = new BlindingMemo(2);
    memo.set('a', 'A');
    memo.set('b', 'B');
    memo.set('c', 'C'); // newer full: a and b become the older generation
    expect(memo.get('a')).toBe('A'); // carried into the newer one
    memo.set('d', 'D'); // newer (c, a) full: b is dropped
    expect(memo.get('b')).toBeUndefined();
    expect([memo.get('a'), memo.get('c'), memo.get('d')]).toEqual(['A', 'C', 'D']);
  });
});
