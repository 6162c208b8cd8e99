import { DataSource, EntityManager } from 'typeorm';
import { waitUntil } from '../support/e2e-env';
import { detectorFactsDatabase } from '../support/detector-facts-database';

/**
 * Two detector processes applying facts of one person at once (issue 11, scale-out), on a real PostgreSQL: a
 * merge of X into P arrives on one partition while an event of X, linked just before the merge, arrives on
 * another. Whichever commits second must see the first, or the event's fact stays with X, whom nobody
 * evaluates after the merge (a fault run lost an insurance subsidy that way and raised an omission for P).
 */
describe('detector facts applied by two processes at once', () => {
  const detectorDb = detectorFactsDatabase('factraces', 4);
  const { facts, feed } = detectorDb;
  let db: DataSource;
  beforeAll(() => (db = detectorDb.db));
  const HEALTH = '/330502/health/yb';

  const personOfBenefit = async (benefitId: string): Promise<string> =>
    (await db.query('SELECT person_id FROM detector_benefit WHERE benefit_id = $1', [benefitId]))[0]?.person_id;
  const waitingOnLocks = async (): Promise<number> =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n,
    );

  /** Runs `first` in a transaction held open until `second` (in another transaction) waits on it, then commits. */
  async function overlapping(
    first: (tx: EntityManager) => Promise<unknown>,
    second: (tx: EntityManager) => Promise<unknown>,
  ): Promise<void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let applied!: () => void;
    const firstApplied = new Promise<void>((resolve) => (applied = resolve));
    const firstDone = db.transaction(async (tx) => {
      await first(tx);
      applied();
      await held;
    });
    await firstApplied;
    let secondSettled = false;
    const secondDone = db.transaction(second).finally(() => (secondSettled = true));
    // The second waits for the first on the person lock. Without it, the second may wait on a row lock only, or
    // not wait at all (rows the first inserted are invisible to it): the outcome then shows what went wrong.
    await waitUntil(
      'the second transaction to wait or end',
      async () => secondSettled || (await waitingOnLocks()) > 0,
      10_000,
    );
    release();
    await Promise.all([firstDone, secondDone]);
  }

  it('an event of X applied while X is being merged into P lands with P', async () => {
    await db.transaction((tx) =>
      facts.apply(
        tx,
        [
          feed.grant(
            'health',
            '2026-01-31T09:00:00+08:00',
            'X-1',
            'YB-B-1',
            'MEDICAL_ASSIST',
            '2026-01-31',
            '2026-01-31',
            HEALTH,
          ),
          feed.grant(
            'civil-affairs',
            '2026-01-31T08:00:00+08:00',
            'P-1',
            'MZ-B-1',
            'DIBAO',
            '2026-01-31',
            '2026-12-31',
          ),
        ],
        [],
      ),
    );
    const subsidy = feed.grant(
      'health',
      '2026-01-31T09:58:00+08:00',
      'X-1',
      'YB-B-2',
      'INSURANCE_SUBSIDY',
      '2026-01-31',
      '2026-12-31',
      HEALTH,
    );
    await overlapping(
      (tx) => facts.apply(tx, [], [{ type: 'MERGED', survivorId: 'P-1', mergedIds: ['X-1'] }]),
      (tx) => facts.apply(tx, [subsidy], []),
    );
    expect({ before: await personOfBenefit('YB-B-1'), during: await personOfBenefit('YB-B-2') }).toEqual({
      before: 'P-1',
      during: 'P-1',
    });
  });

  it('a merge of X into P applied while an event of X is being stored takes that event along', async () => {
    await db.transaction((tx) =>
      facts.apply(
        tx,
        [
          feed.grant(
            'civil-affairs',
            '2026-02-01T08:00:00+08:00',
            'P-2',
            'MZ-B-2',
            'DIBAO',
            '2026-02-01',
            '2026-12-31',
          ),
        ],
        [],
      ),
    );
    const subsidy = feed.grant(
      'health',
      '2026-02-01T09:58:00+08:00',
      'X-2',
      'YB-B-3',
      'INSURANCE_SUBSIDY',
      '2026-02-01',
      '2026-12-31',
      HEALTH,
    );
    await overlapping(
      (tx) => facts.apply(tx, [subsidy], []),
      (tx) => facts.apply(tx, [], [{ type: 'MERGED', survivorId: 'P-2', mergedIds: ['X-2'] }]),
    );
    expect(await personOfBenefit('YB-B-3')).toBe('P-2');
  });
  // A merge reaches the detector in the matcher's feed and again from its outbox; the copy may come after a later
  // merge of its survivor that another partition brought. It must neither move facts to a merged person nor point
  // a redirect at one.
  it('a merge that comes again after its survivor was merged into another person follows the survivor', async () => {
    const grant = (personId: string, benefitId: string) =>
      feed.grant(
        'health',
        '2026-03-01T09:00:00+08:00',
        personId,
        benefitId,
        'MEDICAL_ASSIST',
        '2026-03-01',
        '2026-03-01',
        HEALTH,
      );
    await db.transaction((tx) =>
      facts.apply(tx, [grant('X-3', 'YB-B-4'), grant('P-3', 'YB-B-5'), grant('Q-3', 'YB-B-6')], []),
    );
    const xIntoP = { type: 'MERGED' as const, survivorId: 'P-3', mergedIds: ['X-3'] };
    await db.transaction((tx) => facts.apply(tx, [], [xIntoP]));
    await db.transaction((tx) => facts.apply(tx, [], [{ type: 'MERGED', survivorId: 'Q-3', mergedIds: ['P-3'] }]));
    await db.transaction((tx) => facts.apply(tx, [], [xIntoP]));
    await db.transaction((tx) => facts.apply(tx, [grant('X-3', 'YB-B-7')], []));
    const redirects = await db.query(
      `SELECT merged_id, survivor_id FROM detector_person_redirect WHERE merged_id IN ('X-3', 'P-3') ORDER BY 1`,
    );
    expect({
      redirects,
      benefits: [await personOfBenefit('YB-B-4'), await personOfBenefit('YB-B-5'), await personOfBenefit('YB-B-7')],
      persons: (await db.query(`SELECT person_id FROM detector_person WHERE person_id LIKE '%-3' ORDER BY 1`)).map(
        (r: { person_id: string }) => r.person_id,
      ),
    }).toEqual({
      redirects: [
        { merged_id: 'P-3', survivor_id: 'Q-3' },
        { merged_id: 'X-3', survivor_id: 'Q-3' },
      ],
      benefits: ['Q-3', 'Q-3', 'Q-3'],
      persons: ['Q-3'],
    });
  });
});
