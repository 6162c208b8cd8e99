import { meetsAttributeCondition } from './attribute-match';

describe('meetsAttributeCondition', () => {
  const money = { status: 'HOSPITALIZED', attribute: 'outOfPocketFen', op: '>=' as const, value: 600_000 };

  it('compares amounts, also when sent as decimal text', () => {
    expect(meetsAttributeCondition(money, { outOfPocketFen: 600_000 })).toBe(true);
    expect(meetsAttributeCondition(money, { outOfPocketFen: 599_999 })).toBe(false);
    expect(meetsAttributeCondition(money, { outOfPocketFen: '600000' })).toBe(true);
    expect(meetsAttributeCondition(money, { outOfPocketFen: 'a lot' })).toBe(false);
  });

  it('matches codes and booleans exactly, lists with in', () => {
    expect(
      meetsAttributeCondition(
        { status: 'UNEMPLOYED', attribute: 'ableToWork', op: '=', value: true },
        { ableToWork: true },
      ),
    ).toBe(true);
    expect(
      meetsAttributeCondition(
        { status: 'UNEMPLOYED', attribute: 'ableToWork', op: '=', value: true },
        { ableToWork: 'true' },
      ),
    ).toBe(false);
    expect(
      meetsAttributeCondition(
        { status: 'STUDENT', attribute: 'stage', op: 'in', value: ['COMPULSORY', 'HIGHER'] },
        { stage: 'HIGHER' },
      ),
    ).toBe(true);
    expect(
      meetsAttributeCondition(
        { status: 'STUDENT', attribute: 'stage', op: 'in', value: ['COMPULSORY', 'HIGHER'] },
        { stage: 'PRESCHOOL' },
      ),
    ).toBe(false);
  });

  it('never meets a condition on an attribute that was not reported, not even !=', () => {
    expect(
      meetsAttributeCondition({ status: 'DISASTER_AFFECTED', attribute: 'houseDamage', op: '!=', value: 'NONE' }, {}),
    ).toBe(false);
  });
});
