import {
  HOUSEHOLD_AUTHORITY,
  HouseholdPlacement,
  householdPlacerOf,
  mergeTakesHousehold,
  mergeTakesHouseholdSql,
  placementMoves,
  placementMovesSql,
  standingPlacement,
} from './household-placement';

const CIVIL = HOUSEHOLD_AUTHORITY;
const place = (householdId: string | null, placedBy: string | null = null): HouseholdPlacement => ({
  householdId,
  placedBy,
});
const same = (p: HouseholdPlacement) => p;

/** Every placement applied one at a time: the household and placer a person ends with. */
function oneByOne(start: HouseholdPlacement, placements: HouseholdPlacement[]): HouseholdPlacement {
  let now = start;
  for (const p of placements) if (p.householdId !== null && placementMoves(p.placedBy, now.placedBy)) now = p;
  return now;
}

describe('household placement', () => {
  it('civil affairs is the authority on households; other departments place nobody it placed', () => {
    expect(householdPlacerOf('/330502/civil-affairs/dibao')).toBe(CIVIL);
    expect(householdPlacerOf('/330502/education/school-42')).toBeNull();
    expect(householdPlacerOf('not a source')).toBeNull();
    expect(placementMoves(CIVIL, null)).toBe(true);
    expect(placementMoves(CIVIL, CIVIL)).toBe(true); // a move between civil affairs households
    expect(placementMoves(null, null)).toBe(true); // the first department to name a household, or a later one
    expect(placementMoves(null, CIVIL)).toBe(false);
  });

  it('lets a merge move the survivor only into a household it lacks, or one civil affairs placed the merged person in', () => {
    expect(mergeTakesHousehold(place(null), place('H-school'))).toBe(true);
    expect(mergeTakesHousehold(place('H-school'), place('H-civil', CIVIL))).toBe(true);
    expect(mergeTakesHousehold(place('H-school'), place('H-clinic'))).toBe(false);
    expect(mergeTakesHousehold(place('H-civil', CIVIL), place('H-civil-2', CIVIL))).toBe(false);
    expect(mergeTakesHousehold(place('H-civil', CIVIL), place('H-school'))).toBe(false);
    expect(mergeTakesHousehold(place('H-school'), place(null))).toBe(false);
    expect(
      mergeTakesHouseholdSql({ householdId: 's.h', placedBy: 's.p' }, { householdId: 'm.h', placedBy: 'm.p' }),
    ).toBe(
      "((s.h IS NULL AND m.h IS NOT NULL AND m.p IS DISTINCT FROM 'civil-affairs')" +
        " OR (s.h IS NULL AND m.h IS NOT NULL AND m.p IS NOT DISTINCT FROM 'civil-affairs')" +
        " OR (s.h IS NOT NULL AND s.p IS DISTINCT FROM 'civil-affairs' AND m.h IS NOT NULL AND m.p IS NOT DISTINCT FROM 'civil-affairs'))",
    );
  });

  it('says the same in SQL, case for case', () => {
    expect(placementMovesSql('EXCLUDED.placed_by', 'current.placed_by')).toBe(
      "((EXCLUDED.placed_by IS NOT DISTINCT FROM 'civil-affairs' AND current.placed_by IS NOT DISTINCT FROM 'civil-affairs')" +
        " OR (EXCLUDED.placed_by IS NOT DISTINCT FROM 'civil-affairs' AND current.placed_by IS DISTINCT FROM 'civil-affairs')" +
        " OR (EXCLUDED.placed_by IS DISTINCT FROM 'civil-affairs' AND current.placed_by IS DISTINCT FROM 'civil-affairs'))",
    );
  });

  it('keeps, of a batch, the placement that stands: civil affairs outranks later ones from other departments', () => {
    const school = place('H-school'),
      civil = place('H-civil', CIVIL),
      moved = place('H-moved', CIVIL),
      none = place(null);
    expect(standingPlacement([civil, school], same)).toBe(civil);
    expect(standingPlacement([school, civil], same)).toBe(civil);
    expect(standingPlacement([civil, moved, school], same)).toBe(moved);
    expect(standingPlacement([school, none], same)).toBe(school);
    expect(standingPlacement([none], same)).toBeUndefined();
    expect(standingPlacement([school], same, CIVIL)).toBeUndefined();
  });

  it("applying the batch's standing placement once ends where applying every placement in turn does", () => {
    const options = [place(null), place('H1'), place('H2'), place('C1', CIVIL), place('C2', CIVIL)];
    const batches: HouseholdPlacement[][] = [[]];
    for (let length = 1; length <= 3; length++)
      for (const b of batches.filter((x) => x.length === length - 1)) for (const o of options) batches.push([...b, o]);
    for (const start of [place(null), place('H0'), place('C0', CIVIL)]) {
      for (const batch of batches) {
        const standing = standingPlacement(batch, same);
        expect(standing ? oneByOne(start, [standing]) : start).toEqual(oneByOne(start, batch));
      }
    }
  });
});
