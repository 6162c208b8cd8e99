import { groupLag } from './consumer-lag';

describe('groupLag', () => {
  const ends = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '0', high: '0' },
    { partition: 2, low: '5', high: '8' },
  ];
  const at = (partition: number, offset: string) => ({ groupId: 'g', topic: 't', partition, offset });

  it('is zero when the group committed every partition to its end', () => {
    expect(groupLag(ends, [at(0, '10'), at(2, '8')])).toBe(0);
  });

  it('counts what is left, and the whole of a partition the group never committed on', () => {
    expect(groupLag(ends, [at(0, '4')])).toBe(6 + 3);
  });
});
