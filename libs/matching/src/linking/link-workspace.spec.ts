import { HOUSEHOLD_AUTHORITY } from '@hub/contract';
import { toMatchIdentity } from '../match-identity';
import { LinkWorkspace } from './link-workspace';

function workspace(): LinkWorkspace {
  let n = 0;
  return new LinkWorkspace(undefined, { person: () => `P-${++n}`, household: () => `H-${++n}` });
}

describe('LinkWorkspace merges and households (the household rule, libs/contract)', () => {
  it('moves the survivor into the household civil affairs placed a merged person in', () => {
    // 袁国 at 1M events: his employment office record's person (health had named its household) survived the merge
    // with the person of his 低保 record, whom civil affairs had placed in the family's household.
    const ws = workspace();
    ws.seedPersonHousehold('P-employment', 'H-health');
    ws.seedPersonHousehold('P-dibao', 'H-family', HOUSEHOLD_AUTHORITY);
    ws.merge('P-employment', ['P-dibao']);
    expect(ws.householdOfPerson('P-employment')).toBe('H-family');
    expect(ws.householdPlacedBy('P-employment')).toBe(HOUSEHOLD_AUTHORITY);
    expect(ws.changedPersonHouseholds.has('P-employment')).toBe(true);
    // Afterwards another department's household no longer moves him.
    expect(ws.placeInDepartmentHousehold('P-employment', '/330523/health/yb', 'YB-H-1')).toBe('H-family');
  });

  it("keeps the survivor's household when civil affairs placed the survivor, or neither", () => {
    const ws = workspace();
    ws.seedPersonHousehold('P-1', 'H-civil', HOUSEHOLD_AUTHORITY);
    ws.seedPersonHousehold('P-2', 'H-other-civil', HOUSEHOLD_AUTHORITY);
    ws.merge('P-1', ['P-2']);
    expect(ws.householdOfPerson('P-1')).toBe('H-civil');
    ws.seedPersonHousehold('P-3', 'H-school');
    ws.seedPersonHousehold('P-4', 'H-clinic');
    ws.merge('P-3', ['P-4']);
    expect(ws.householdOfPerson('P-3')).toBe('H-school');
    expect(ws.householdPlacedBy('P-3')).toBeNull();
  });

  it("gives a survivor without a household the merged person's", () => {
    const ws = workspace();
    ws.seedPersonHousehold('P-1', null);
    ws.seedPersonHousehold('P-2', 'H-school');
    ws.merge('P-1', ['P-2']);
    expect(ws.householdOfPerson('P-1')).toBe('H-school');
  });
});

describe('LinkWorkspace.recordsOf', () => {
  it("gives the records of the persons asked for, a merged person's under its survivor", () => {
    const ws = workspace();
    const record = (sourcePersonId: string, personId: string) => ({
      source: '/330502/civil-affairs/dibao',
      sourcePersonId,
      personId,
      identity: toMatchIdentity({ name: '孙立' }),
      manual: false,
    });
    ws.seedRecord(record('A', 'P-a'));
    ws.seedRecord(record('B', 'P-b'));
    ws.seedRecord(record('C', 'P-c'));
    ws.merge('P-a', ['P-b']);
    expect(ws.recordsOf(new Set(['P-a'])).map((r) => [r.sourcePersonId, r.personId])).toEqual([
      ['A', 'P-a'],
      ['B', 'P-a'],
    ]);
    expect(ws.recordsOf(new Set(['P-b']))).toEqual([]);
  });
});
