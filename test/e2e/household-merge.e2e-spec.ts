import { DataSource } from 'typeorm';
import { EVENT_TYPES, HOUSEHOLD_AUTHORITY, HouseholdPlacement, mergeTakesHousehold } from '@hub/contract';
import { PersonMergedData } from '@hub/topics';
import { PersonStore } from '../../apps/matcher/src/person-store';
import { testVault } from '../support/data-keys';
import { detectorFactsDatabase } from '../support/detector-facts-database';

/**
 * A merge under the household rule, in the detector's SQL and the matcher's review SQL on a real PostgreSQL (libs/contract
 * `mergeTakesHousehold`; the matcher's workspace is unit-tested in libs/matching). At 1M events 袁国's employment office record started a
 * person of its own in the household health named; civil affairs placed his 低保 record's person in the family's
 * household; the merge kept the survivor's and the family, with nobody employed left in it, got an omission.
 */
describe("a merge keeps the household civil affairs placed a person in (detector facts; a reviewer's merge in the matcher)", () => {
  const detectorDb = detectorFactsDatabase('hhmerge', 2);
  const { facts, feed } = detectorDb;
  let db: DataSource;
  beforeAll(() => (db = detectorDb.db));
  const CIVIL = '/330523/civil-affairs/dibao';
  const HEALTH = '/330523/health/yb';

  const householdOf = async (personId: string) =>
    (
      await db.query('SELECT household_id, household_placed_by FROM detector_person WHERE person_id = $1', [personId])
    )[0];
  // As the matcher annotates them: the household the person is in, and whether civil affairs placed them there.
  const status = (source: string, personId: string, statusId: string, status: string, householdId: string) => ({
    ...feed.event(
      source.includes('civil-affairs') ? 'civil-affairs' : 'health',
      EVENT_TYPES.STATUS_ASSERTED,
      '2026-03-01T08:00:00+08:00',
      {
        statusId,
        status,
        person: { sourcePersonId: `S-${personId}`, name: '袁国', idType: 'NONE' },
        household: { householdId: `D-${householdId}`, role: 'HEAD' },
        validFrom: '2026-03-01',
        validTo: null,
        attributes: {},
      },
      personId,
      source,
      householdId,
    ),
    householdPlacedBy: source === CIVIL ? HOUSEHOLD_AUTHORITY : null,
  });

  const applied = (events: ReturnType<typeof status>[], merges: PersonMergedData[] = []) =>
    db.transaction((tx) => facts.apply(tx, events, merges));
  const merged = (survivorId: string, mergedId: string): PersonMergedData => ({
    type: 'MERGED',
    survivorId,
    mergedIds: [mergedId],
  });

  it("moves the survivor into the merged person's civil affairs household", async () => {
    await applied([
      status(HEALTH, 'P-1', 'YB-S-1', 'HOSPITALIZED', 'H-health'),
      status(CIVIL, 'P-2', 'MZ-S-1', 'DIBAO_MEMBER', 'H-family'),
    ]);
    expect(await householdOf('P-2')).toEqual({ household_id: 'H-family', household_placed_by: HOUSEHOLD_AUTHORITY });
    await applied([], [merged('P-1', 'P-2')]);
    expect(await householdOf('P-1')).toEqual({ household_id: 'H-family', household_placed_by: HOUSEHOLD_AUTHORITY });
  });

  // A reviewer's SAME merges in the matcher's own SQL; it kept the survivor's household whenever it had one, so the
  // matcher and the detector (above) put the merged person in different households after such a review.
  it("places a reviewer's merge in the matcher's tables by the same rule, case for case", async () => {
    const persons = new PersonStore(testVault());
    const placements: HouseholdPlacement[] = [
      { householdId: null, placedBy: null },
      { householdId: 'H-school', placedBy: null },
      { householdId: 'H-dibao', placedBy: HOUSEHOLD_AUTHORITY },
    ];
    await db.query(`INSERT INTO household (household_id) VALUES ('H-school'), ('H-dibao')`);
    let n = 0;
    for (const survivor of placements)
      for (const merged of placements) {
        n++;
        const [s, m] = [`P-review-${n}-s`, `P-review-${n}-m`];
        await db.query(
          'INSERT INTO person (person_id, household_id, household_placed_by) VALUES ($1, $2, $3), ($4, $5, $6)',
          [s, survivor.householdId, survivor.placedBy, m, merged.householdId, merged.placedBy],
        );
        await db.transaction((tx) => persons.takeMergedHousehold(tx, s, m));
        const [stored] = await db.query('SELECT household_id, household_placed_by FROM person WHERE person_id = $1', [
          s,
        ]);
        const expected = mergeTakesHousehold(survivor, merged) ? merged : survivor;
        expect({ survivor, merged, stored }).toEqual({
          survivor,
          merged,
          stored: { household_id: expected.householdId, household_placed_by: expected.placedBy },
        });
      }
  });

  it("keeps the survivor's household when civil affairs placed it, or placed neither", async () => {
    await applied([
      status(CIVIL, 'P-3', 'MZ-S-3', 'DIBAO_MEMBER', 'H-three'),
      status(HEALTH, 'P-4', 'YB-S-4', 'HOSPITALIZED', 'H-four'),
      status(HEALTH, 'P-5', 'YB-S-5', 'HOSPITALIZED', 'H-five'),
      status(HEALTH, 'P-6', 'YB-S-6', 'HOSPITALIZED', 'H-six'),
    ]);
    await applied([], [merged('P-3', 'P-4'), merged('P-5', 'P-6')]);
    expect(await householdOf('P-3')).toEqual({ household_id: 'H-three', household_placed_by: HOUSEHOLD_AUTHORITY });
    expect(await householdOf('P-5')).toEqual({ household_id: 'H-five', household_placed_by: null });
  });
});
