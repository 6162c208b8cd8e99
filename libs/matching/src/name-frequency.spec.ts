import { defaultIdentityModel } from './default-model';
import { decideMatch } from './match-decision';
import { toMatchIdentity } from './match-identity';
import { NameFrequencies } from './name-frequency';

describe('NameFrequencies (term-frequency adjustment)', () => {
  const model = defaultIdentityModel();
  const names = new NameFrequencies(
    new Map([
      ['王伟', 3000],
      ['欧阳翠花', 1],
    ]),
    1_000_000,
  );
  const nameWeight = (name: string, freq: NameFrequencies) => {
    const a = toMatchIdentity({ name, gender: 'F', hukouRegion: '330502' });
    const d = decideMatch(
      a,
      [{ personId: 'P-1', identity: toMatchIdentity({ name, gender: 'F', hukouRegion: '330502' }) }],
      model,
      { match: 15, possible: 5 },
      freq.adjustmentFor(a.name.normalized),
    );
    return d.reasons.find((r) => r.field === 'name')!.weight;
  };

  it('weighs agreement on a common name less than on a rare one', () => {
    expect(nameWeight('王伟', names)).toBeLessThan(nameWeight('欧阳翠花', names) - 3);
  });

  it('stays near the model weight while the hub has seen few records', () => {
    const plain = nameWeight('王伟', new NameFrequencies(new Map(), 0));
    // One sighting among ten records: smoothing towards the model's u moves the weight by a bit at most.
    const young = new NameFrequencies(new Map([['王伟', 1]]), 10);
    expect(plain - nameWeight('王伟', young)).toBeGreaterThan(0);
    expect(plain - nameWeight('王伟', young)).toBeLessThanOrEqual(1);
  });

  it('never lets a rare name alone reach the match threshold', () => {
    const d = decideMatch(
      toMatchIdentity({ name: '欧阳翠花' }),
      [{ personId: 'P-1', identity: toMatchIdentity({ name: '欧阳翠花' }) }],
      model,
      { match: 15, possible: 5 },
      names.adjustmentFor('欧阳翠花'),
    );
    expect(d.decision).not.toBe('MATCH');
    expect(d.score).toBeLessThan(15);
  });

  it('counts records in and out', () => {
    const n = new NameFrequencies();
    n.add('李娜', 1);
    n.add('李娜', 1);
    n.add('李娜', -1);
    expect([n.count('李娜'), n.records]).toEqual([1, 1]);
  });
});
