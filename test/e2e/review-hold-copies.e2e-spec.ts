import { ReviewHold } from '@hub/topics';
import { detectorFactsDatabase } from '../support/detector-facts-database';

/**
 * The detector learns of a review pair twice: with the record's events in the matcher's feed and from the matcher's
 * outbox. A reviewer's settlement may come between the two (the outbox relays it at once); the late "open" must not
 * open the pair again, or the household's omissions would wait for a reviewer who has already decided.
 */
describe('review pairs the detector hears of twice (real PostgreSQL)', () => {
  const detectorDb = detectorFactsDatabase('holdcopies', 2);
  const { facts, feed } = detectorDb;
  const HEALTH = '/330502/health/yb';
  const hold = (open: boolean): ReviewHold => ({
    source: HEALTH,
    sourcePersonId: 'YB-9',
    personId: 'X-9',
    candidatePersonId: 'P-9',
    open,
    ...(open ? { openedAt: '2026-04-01T09:00:00+08:00' } : {}),
  });
  const applied = (holds: ReviewHold[]) => detectorDb.db.transaction((tx) => facts.apply(tx, [], [], [], holds));
  const held = () =>
    detectorDb.db.transaction(async (tx) => [...(await facts.heldPersons(tx, ['X-9', 'P-9'], 30)).keys()]);

  beforeAll(async () => {
    const grant = (personId: string, benefitId: string, program: string) =>
      feed.grant(
        'health',
        '2026-04-01T09:00:00+08:00',
        personId,
        benefitId,
        program,
        '2026-04-01',
        '2026-12-31',
        HEALTH,
      );
    await detectorDb.db.transaction((tx) =>
      facts.apply(tx, [grant('X-9', 'YB-B-9', 'INSURANCE_SUBSIDY'), grant('P-9', 'MZ-B-9', 'DIBAO')], []),
    );
  });

  it('holds while the pair is open, and a late copy of its opening does not open it again once settled', async () => {
    await applied([hold(true)]);
    expect((await held()).length).toBe(2);
    await applied([hold(false)]);
    expect(await held()).toEqual([]);
    await applied([hold(true)]);
    expect(await held()).toEqual([]);
  });

  it('a settlement that comes before any opening is kept too', async () => {
    const early = { ...hold(false), sourcePersonId: 'YB-10' };
    await applied([early]);
    await applied([{ ...hold(true), sourcePersonId: 'YB-10' }]);
    expect(await held()).toEqual([]);
  });
});
