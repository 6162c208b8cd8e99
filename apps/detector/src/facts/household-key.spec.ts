import { householdKeyOf, parseHouseholdKey } from './household-key';

describe('household keys', () => {
  it('name a household by its id and a person without one by P:<personId> (stored keys keep this format)', () => {
    expect(householdKeyOf('P-1', 'H-ab12')).toBe('H-ab12');
    expect(householdKeyOf('6f1c', null)).toBe('P:6f1c');
  });

  it('read back what they were made from', () => {
    expect(parseHouseholdKey(householdKeyOf('P-1', 'H-ab12'))).toEqual({ householdId: 'H-ab12' });
    expect(parseHouseholdKey(householdKeyOf('6f1c', null))).toEqual({ personId: '6f1c' });
    expect(parseHouseholdKey(householdKeyOf('P:odd', null))).toEqual({ personId: 'P:odd' });
  });
});
