import { explainRule } from './rule-explanation';

describe('explainRule', () => {
  it('renders when values match the fillable placeholders exactly', () => {
    expect(
      explainRule('{name} 死亡于 {deathDate}', ['name', 'deathDate'], { name: '王*明', deathDate: '2026-03-10' }),
    ).toBe('王*明 死亡于 2026-03-10');
  });

  it('throws when a fillable placeholder has no value or a value has no placeholder', () => {
    expect(() => explainRule('{name}', ['name', 'days'], { name: '王*明' })).toThrow('missing: days');
    expect(() => explainRule('{name}', ['name'], { name: '王*明', extra: 1 })).toThrow('unexpected: extra');
  });
});
