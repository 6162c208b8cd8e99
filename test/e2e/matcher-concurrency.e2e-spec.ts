import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DEPARTMENTS, EVENT_TYPES } from '@hub/contract';
import { checkDigit } from '@hub/identity';
import { MessageBus, OutboundMessage } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { MatcherConsumer } from '../../apps/matcher/src/matcher-consumer.service';
import { MatcherStats } from '../../apps/matcher/src/matcher-stats';
import { RecordLinker } from '../../apps/matcher/src/record-linker';
import { cloudEvent } from '../support/contract-events';
import { linkAlone } from '../support/link-alone';
import { freshDatabase, intakeEnv, newBus, startIntake, startMatcher, uniqueName, waitUntil } from '../support/e2e-env';

/** Two matcher instances in one consumer group, one database: never two persons for one valid ID number. */
describe('two matcher instances', () => {
  const namespace = `${uniqueName('match2')}.`;
  const topics = new TopicNames(namespace);
  let bus: MessageBus;
  let db: Client;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    const url = await freshDatabase('match2');
    db = new Client({ connectionString: url });
    await db.connect();
    bus = newBus();
    const env = intakeEnv(namespace, url, { MATCHER_PARTITION_CONCURRENCY: '3' });
    apps.push(await startIntake(env));
    // Both join the same group (startMatcher derives it from the namespace) and split the partitions.
    apps.push(await startMatcher(env), await startMatcher(env));
    // Only once both hold partitions is the work split between them.
    await waitUntil(
      'both matcher instances to hold partitions',
      async () => apps.slice(1).every((a) => a.get(MatcherConsumer).assignedPartitions > 0),
      60_000,
    );
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await bus?.close();
    await db?.end();
  });

  it('links records of the same people arriving at once from six departments without splitting a valid ID number', async () => {
    // 400 people, each sent by all six departments in one burst: their records land on partitions
    // of both instances. Through Kafka the timing rarely overlaps exactly; the next test forces it.
    const messages: OutboundMessage[] = [];
    let n = 0;
    for (let p = 0; p < 400; p++) {
      const first17 = `330502${1950 + (p % 50)}0${1 + (p % 9)}1${p % 10}${String(p).padStart(3, '0')}`;
      const idNumber = first17 + checkDigit(first17);
      for (const department of DEPARTMENTS) {
        n++;
        const person = {
          sourcePersonId: `${department}-${p}`,
          idType: 'RESIDENT_ID',
          idNumber,
          name: `测试${p}`,
          gender: 'M',
        };
        const m = cloudEvent(
          department,
          EVENT_TYPES.STATUS_ASSERTED,
          {
            statusId: `S-${n}`,
            status: 'DIBAO_MEMBER',
            person,
            validFrom: '2026-01-01',
            validTo: null,
            attributes: {},
          },
          `c-${n}`,
          'structured',
          person.sourcePersonId,
        );
        messages.push({ topic: topics.intake(department), key: m.key, value: m.value, headers: m.headers });
      }
    }
    await bus.publish(messages);
    const matchers = apps.slice(1).map((a) => a.get(MatcherStats));
    await waitUntil(
      `${messages.length} records linked`,
      async () => matchers.reduce((sum, s) => sum + s.counts.records, 0) >= messages.length,
      120_000,
    );
    expect(matchers.every((s) => s.counts.records > 0)).toBe(true);

    const split = await db.query(`
      SELECT id_hash AS id, count(DISTINCT person_id)::int AS persons
      FROM person_record GROUP BY 1 HAVING count(DISTINCT person_id) > 1`);
    expect(split.rows).toEqual([]);
    const persons = await db.query('SELECT count(DISTINCT person_id)::int AS n FROM person_record');
    expect(persons.rows[0].n).toBe(400);
  });

  it('holds when both instances link records of one ID number at the very same moment', async () => {
    // The race the ID number claims close, forced: each instance's linker (with its own connection
    // pool) gets records of the same new ID number at once, 100 times over.
    const [a, b] = apps.slice(1).map((app) => app.get(RecordLinker));
    for (let p = 0; p < 100; p++) {
      const first17 = `33052219${String(70 + (p % 30)).padStart(2, '0')}0${1 + (p % 9)}2${p % 10}${String(p).padStart(3, '0')}`;
      const idNumber = first17 + checkDigit(first17);
      await Promise.all(
        DEPARTMENTS.map((department, i) =>
          linkAlone(i % 2 ? a : b, `/330522/${department}/race`, {
            sourcePersonId: `race-${p}`,
            idType: 'RESIDENT_ID',
            idNumber,
            name: `并发${p}`,
            gender: 'M',
          }),
        ),
      );
    }
    const split = await db.query(`
      SELECT id_hash AS id FROM person_record WHERE source LIKE '/330522/%'
      GROUP BY 1 HAVING count(DISTINCT person_id) > 1`);
    expect(split.rows).toEqual([]);
    const persons = await db.query(
      `SELECT count(DISTINCT person_id)::int AS n FROM person_record WHERE source LIKE '/330522/%'`,
    );
    expect(persons.rows[0].n).toBe(100);
  });

  it('ties records without an ID number, linked at the very same moment, to one person', async () => {
    // Nothing to claim here: the second look after commit finds the person a concurrent chunk made.
    const [a, b] = apps.slice(1).map((app) => app.get(RecordLinker));
    for (let p = 0; p < 50; p++) {
      const person = {
        idType: 'NONE',
        name: `同时${p}`,
        gender: 'F',
        birthDate: `1985-0${1 + (p % 9)}-1${p % 10}`,
        phone: `1390000${String(p).padStart(4, '0')}`,
      };
      await Promise.all(
        DEPARTMENTS.map((department, i) =>
          linkAlone(i % 2 ? a : b, `/330523/${department}/race`, { sourcePersonId: `same-${p}`, ...person }),
        ),
      );
    }
    const persons = await db.query(`
      SELECT name_hash AS name, count(DISTINCT coalesce(p.merged_into, r.person_id))::int AS persons
      FROM person_record r JOIN person p USING (person_id) WHERE source LIKE '/330523/%' GROUP BY 1 HAVING count(DISTINCT coalesce(p.merged_into, r.person_id)) > 1`);
    expect(persons.rows).toEqual([]);
    const records = await db.query(`SELECT count(*)::int AS n FROM person_record WHERE source LIKE '/330523/%'`);
    expect(records.rows[0].n).toBe(50 * DEPARTMENTS.length);
    // The ties were made by second looks that read the candidates again: what the other chunk stored was beyond
    // their horizon.
    const compared = apps.slice(1).reduce((n, app) => n + app.get(MatcherStats).counts.secondLookCompared, 0);
    expect(compared).toBeGreaterThan(0);
  });

  it('sends to review a record that fits a person made at the very same moment only well enough for review', async () => {
    // Sequentially the later of the two would be a POSSIBLE_MATCH: no ID number, no phone, a birth date 30 days
    // apart (a lunar birthday, say). Linked at once, neither chunk sees the other; the second look must still ask.
    const [a, b] = apps.slice(1).map((app) => app.get(RecordLinker));
    const reviewsBefore = apps.slice(1).reduce((n, app) => n + app.get(MatcherStats).counts.secondLookReviews, 0);
    for (let p = 0; p < 40; p++) {
      const person = { idType: 'NONE', name: `复核${p}`, gender: 'M', hukouRegion: '330524' };
      await Promise.all([
        linkAlone(a, '/330524/civil-affairs/review', { sourcePersonId: `r-${p}`, ...person, birthDate: '1961-01-10' }),
        linkAlone(b, '/330524/health/review', { sourcePersonId: `r-${p}`, ...person, birthDate: '1961-02-09' }),
      ]);
    }
    const { rows } = await db.query(`
      SELECT r.source_person_id AS record, count(DISTINCT coalesce(p.merged_into, r.person_id))::int AS persons,
             (SELECT count(*) FROM match_review m WHERE m.source_person_id = r.source_person_id AND m.source LIKE '/330524/%')::int AS reviews
      FROM person_record r JOIN person p USING (person_id) WHERE r.source LIKE '/330524/%' GROUP BY 1 ORDER BY 1`);
    expect(rows).toHaveLength(40);
    // Two persons each (nothing joins them without review), and a review pair for every one of them.
    expect(rows.filter((r) => r.persons !== 2 || r.reviews !== 1)).toEqual([]);
    const reviews = apps.slice(1).reduce((n, app) => n + app.get(MatcherStats).counts.secondLookReviews, 0);
    expect(reviews - reviewsBefore).toBeGreaterThan(0);
  });

  it('does not merge, in a second look, two persons whose records carry different ID numbers', async () => {
    // A record without an ID number made a person; a chunk after it joined that person's record with an ID number;
    // a namesake with another ID number and the first record's phone then started a person of her own. The first
    // record's second look, left waiting by a crash, now fits the namesake best: merging the two persons would make
    // one person of two ID numbers. It asks a reviewer instead.
    const [a] = apps.slice(1).map((app) => app.get(RecordLinker));
    const wang = { name: '王兰', gender: 'F', birthDate: '1960-06-13', hukouRegion: '330526' };
    const idOf = (first17: string) => first17 + checkDigit(first17);
    const withoutId = { sourcePersonId: 'wang-1', idType: 'NONE', ...wang, phone: '18675614996' };
    const first = await linkAlone(a, '/330526/civil-affairs/dibao', withoutId);
    const joined = await linkAlone(a, '/330526/housing/zf', {
      sourcePersonId: 'wang-2',
      idType: 'RESIDENT_ID',
      idNumber: idOf('33052619600613332'),
      ...wang,
    });
    expect(joined.personId).toBe(first.personId);
    const namesake = await linkAlone(a, '/330526/health/yb', {
      sourcePersonId: 'wang-3',
      idType: 'RESIDENT_ID',
      idNumber: idOf('33052619600613048'),
      ...wang,
      phone: '18675614996',
    });
    expect(namesake.personId).not.toBe(first.personId);
    await db.query(
      `INSERT INTO matcher_second_look (source, source_person_id) VALUES ('/330526/civil-affairs/dibao', 'wang-1')`,
    );
    const [again] = await a.linkChunk([{ source: '/330526/civil-affairs/dibao', person: withoutId }], {
      decisions: () => [],
      secondLook: () => [],
    });
    expect(again.secondLook?.merges ?? []).toEqual([]);
    expect(again.secondLook?.review?.link).toMatchObject({ decision: 'POSSIBLE_MATCH', personId: namesake.personId });
    const persons = await db.query(
      `SELECT count(DISTINCT coalesce(p.merged_into, r.person_id))::int AS n FROM person_record r JOIN person p USING (person_id)
       WHERE r.source LIKE '/330526/%'`,
    );
    expect(persons.rows[0].n).toBe(2);
    const waiting = await db.query(`SELECT count(*)::int AS n FROM matcher_second_look WHERE source LIKE '/330526/%'`);
    expect(waiting.rows[0].n).toBe(0);
  });

  it('settles, whichever of two records linked at once is stored first, the review pair an ID number answers', async () => {
    // 赵丽 of the 低保 office (her ID number); a charity's 赵丽 without one, and the second 赵丽's own record with her
    // ID number and the same phone, linked at the same moment by two instances. One after the other, the ID-less record
    // either joins the second 赵丽 outright or goes to review and is joined by her (the pair closed by rule). At once,
    // neither sees the other: the ID-less one goes to review, the other starts a person, and the second looks must
    // end where either order ends: one person for the two, the pair closed, the 低保 record apart.
    const [a, b] = apps.slice(1).map((app) => app.get(RecordLinker));
    const idOf = (first17: string) => first17 + checkDigit(first17);
    const GIVEN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
    let raced = 0;
    for (let p = 0; p < GIVEN.length; p++) {
      const zhao = { name: `赵${GIVEN[p]}丽`, gender: 'F', hukouRegion: '330528' };
      // Birth dates the ID numbers carry, 顺序码 even (women).
      const day = String(10 + p);
      const seq = String(p).padStart(2, '0');
      await linkAlone(a, '/330528/civil-affairs/dibao', {
        sourcePersonId: `za-${p}`,
        idType: 'RESIDENT_ID',
        idNumber: idOf(`330528196606${day}${seq}2`),
        ...zhao,
      });
      const phone = `1390572${String(p).padStart(4, '0')}`;
      const [withoutId, withId] = await Promise.all([
        linkAlone(a, '/330528/charity/cm', { sourcePersonId: `zr-${p}`, idType: 'NONE', ...zhao, phone }),
        linkAlone(b, '/330528/charity/cm', {
          sourcePersonId: `zz-${p}`,
          idType: 'RESIDENT_ID',
          idNumber: idOf(`330528198009${day}${seq}4`),
          ...zhao,
          phone,
        }),
      ]);
      if (withoutId.link?.decision === 'POSSIBLE_MATCH' && withId.link?.decision === 'NEW') raced++;
    }
    const { rows } = await db.query<{ record: string; person: string }>(
      `SELECT r.source_person_id AS record, coalesce(p.merged_into, r.person_id) AS person
       FROM person_record r JOIN person p USING (person_id) WHERE r.source LIKE '/330528/%'`,
    );
    const personOf = new Map(rows.map((r) => [r.record, r.person]));
    const open = await db.query<{ record: string }>(
      `SELECT source_person_id AS record FROM match_review WHERE source LIKE '/330528/%' AND status = 'OPEN'`,
    );
    expect(open.rows).toEqual([]);
    const apart = [...GIVEN].flatMap((_, p) => {
      const [dibao, withoutId, withId] = ['za', 'zr', 'zz'].map((k) => personOf.get(`${k}-${p}`));
      return withoutId && withoutId === withId && dibao && dibao !== withoutId ? [] : [{ p, dibao, withoutId, withId }];
    });
    expect(apart).toEqual([]);
    // At least once neither chunk saw the other (both instances at once); the second looks settled those.
    expect(raced).toBeGreaterThan(0);
  });

  it('ties the members of a family linked at the very same moment to one household', async () => {
    // Each instance links one member naming the same new civil affairs household: one chunk ties it, the
    // other adopts that household (its own was made in the same chunk) instead of linking again.
    const [a, b] = apps.slice(1).map((app) => app.get(RecordLinker));
    const linked = [];
    for (let f = 0; f < 50; f++) {
      const member = (m: number) => {
        const first17 = `33052419${String(60 + (f % 30)).padStart(2, '0')}0${1 + (f % 9)}3${m}${String(f).padStart(3, '0')}`;
        return {
          sourcePersonId: `family-${f}-${m}`,
          idType: 'RESIDENT_ID',
          idNumber: first17 + checkDigit(first17),
          name: `家庭${f}成员${m}`,
          gender: m ? 'F' : 'M',
        };
      };
      const household = { householdId: `MZ-H-race-${f}`, role: 'MEMBER' };
      linked.push(
        ...(await Promise.all(
          [0, 1, 2, 3].map((m) => linkAlone(m % 2 ? a : b, '/330524/civil-affairs/dibao', member(m), household)),
        )),
      );
    }
    const households = await db.query(`
      SELECT split_part(r.source_person_id, '-', 2) AS family, count(DISTINCT p.household_id)::int AS households
      FROM person_record r JOIN person p USING (person_id) WHERE r.source LIKE '/330524/%' GROUP BY 1`);
    expect(households.rows).toHaveLength(50);
    expect(households.rows.filter((r) => r.households !== 1)).toEqual([]);
    // What the linker reported for each record (and publishes) is the household it is in.
    const stored = new Map(
      (
        await db.query(
          `SELECT p.person_id, p.household_id FROM person_record r JOIN person p USING (person_id) WHERE r.source LIKE '/330524/%'`,
        )
      ).rows.map((r) => [r.person_id, r.household_id]),
    );
    expect(linked.filter((o) => stored.get(o.personId) !== o.householdId)).toEqual([]);
    // At least one race was won by the other instance and adopted (50 families, two instances at once).
    expect(apps.slice(1).reduce((n, app) => n + app.get(MatcherStats).counts.householdsAdopted, 0)).toBeGreaterThan(0);
    const orphans = await db.query(
      `SELECT count(*)::int AS n FROM household h WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.household_id) AND NOT EXISTS (SELECT 1 FROM household_source s WHERE s.household_id = h.household_id)`,
    );
    expect(orphans.rows[0].n).toBe(0);
  });
});
