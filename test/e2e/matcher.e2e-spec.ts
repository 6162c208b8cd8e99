import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { Department, EVENT_TYPES } from '@hub/contract';
import { PersonalDataVault, checkDigit, lookupHash } from '@hub/identity';
import { MessageBus } from '@hub/kafka';
import { PersonLinkData, PersonMergedData, TopicNames } from '@hub/topics';
import { MatcherStats } from '../../apps/matcher/src/matcher-stats';
import { cloudEvent } from '../support/contract-events';
import {
  freshDatabase,
  intakeEnv,
  newBus,
  readTopic,
  startIntake,
  startMatcher,
  uniqueName,
  waitUntil,
} from '../support/e2e-env';
import { contractExamplesDir } from '../support/contract-examples';

const EXAMPLES = contractExamplesDir();
const validId = (first17: string) => first17 + checkDigit(first17);

/**
 * Intake and matcher together on the real broker and database: department events in, persons and
 * persons.links decisions out.
 */
describe('matcher end to end', () => {
  const namespace = `${uniqueName('match')}.`;
  const topics = new TopicNames(namespace);
  let bus: MessageBus;
  let intake: INestApplication;
  let matcher: INestApplication;
  let db: Client;
  let sent = 0;

  const send = async (
    department: Department,
    person: Record<string, unknown>,
    type: string = EVENT_TYPES.STATUS_ASSERTED,
    household?: { householdId: string; role: string },
  ) => {
    sent++;
    const data =
      type === EVENT_TYPES.STATUS_ASSERTED
        ? {
            statusId: `S-${sent}`,
            status: 'DIBAO_MEMBER',
            person,
            household,
            validFrom: '2026-01-01',
            validTo: null,
            attributes: {},
          }
        : {
            benefitId: `B-${sent}`,
            program: 'DIBAO',
            person,
            household,
            amountFen: 1000,
            period: { start: '2026-01-01', end: '2026-12-31' },
          };
    const m = cloudEvent(department, type, data, `${namespace}e-${sent}`, 'structured', String(person.sourcePersonId));
    await bus.publish([{ topic: topics.intake(department), key: m.key, value: m.value, headers: m.headers }]);
  };
  const personOf = async (sourcePersonId: string) =>
    (await db.query('SELECT person_id FROM person_record WHERE source_person_id = $1', [sourcePersonId])).rows[0]
      ?.person_id as string | undefined;
  const records = () => matcher.get(MatcherStats).counts.records;

  beforeAll(async () => {
    const url = await freshDatabase('match');
    db = new Client({ connectionString: url });
    await db.connect();
    bus = newBus();
    const env = intakeEnv(namespace, url);
    intake = await startIntake(env);
    matcher = await startMatcher(env);
  });

  afterAll(async () => {
    await matcher?.close();
    await intake?.close();
    await bus?.close();
    await db?.end();
  });

  it('ties the contract example records of 陈建国 from six departments to one person', async () => {
    const files = fs
      .readdirSync(EXAMPLES)
      .filter((f) => /^(charity|civil-affairs|education|health|housing|human-resources)\./.test(f));
    let withPerson = 0;
    for (const f of files) {
      const m = JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
      const department = f.split('.')[0] as Department;
      const person = (m.data ?? m.value)?.person;
      if (!person || person.name === undefined) continue;
      if (f.includes('deceased')) continue; // a different person in the examples
      withPerson++;
      const value = m.headers ? Buffer.from(JSON.stringify(m.value)) : Buffer.from(JSON.stringify(m));
      await bus.publish([
        { topic: topics.intake(department), key: person.sourcePersonId, value, headers: m.headers ?? {} },
      ]);
    }
    await waitUntil('every example record linked', async () => records() >= withPerson);
    const { rows } = await db.query(`SELECT DISTINCT person_id FROM person_record WHERE name_hash = $1`, [
      lookupHash.name(matcher.get(PersonalDataVault), '陈建国'),
    ]);
    expect(withPerson).toBeGreaterThanOrEqual(6);
    expect(rows).toHaveLength(1);
  });

  it("keeps identities encrypted at rest: no name, ID number or phone in clear in any of the matcher's tables (issue 12)", async () => {
    // The example records above: 陈建国, his ID number and phone, linked and searchable, yet nowhere in clear.
    const clear = ['陈建国', '19780312301', '13905721234'];
    const { rows: sealed } = await db.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE identity IS NULL AND identity_sealed IS NOT NULL AND key_id = $1)::int AS sealed FROM person_record`,
      [matcher.get(PersonalDataVault).currentKeyId],
    );
    expect(sealed[0].sealed).toBe(sealed[0].all);
    for (const text of clear) {
      const found = await db.query(
        `SELECT (SELECT count(*) FROM person_record WHERE position(convert_to($1, 'UTF8') IN identity_sealed) > 0 OR name_hash LIKE '%' || $1 || '%' OR id_hash LIKE '%' || $1 || '%')::int AS records,
                (SELECT count(*) FROM person_id_number WHERE id_first17 LIKE '%' || $1 || '%')::int AS numbers,
                (SELECT count(*) FROM name_frequency WHERE name LIKE '%' || $1 || '%')::int AS names`,
        [text],
      );
      expect([text, found.rows[0]]).toEqual([text, { records: 0, numbers: 0, names: 0 }]);
    }
    // Block keys are numbers cut from keyed hashes (record_block_key), no text at all; every record has them.
    const { rows: unkeyed } = await db.query(
      `SELECT count(*)::int AS n FROM person_record r WHERE NOT EXISTS (SELECT 1 FROM record_block_key k WHERE k.record_id = r.record_id)`,
    );
    expect(unkeyed[0].n).toBe(0);
  });

  it('keeps twins apart: same name, birth date and household, different valid ID numbers', async () => {
    const before = records();
    await send('civil-affairs', {
      sourcePersonId: 'TW-1',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050220150601101'),
      name: '张子涵',
      gender: 'M',
      birthDate: '2015-06-01',
    });
    await send('civil-affairs', {
      sourcePersonId: 'TW-2',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050220150601121'),
      name: '张子涵',
      gender: 'M',
      birthDate: '2015-06-01',
    });
    await waitUntil('both twins linked', async () => records() >= before + 2);
    expect(await personOf('TW-1')).toBeDefined();
    expect(await personOf('TW-1')).not.toBe(await personOf('TW-2'));
  });

  it('merges two persons that a later record bridges, and publishes MERGED', async () => {
    const id = validId('33050219600505102');
    const before = records();
    await send('charity', {
      sourcePersonId: 'BR-1',
      idType: 'NONE',
      name: '李秀英',
      gender: 'F',
      phone: '13900000001',
      hukouRegion: '330502',
    });
    await send('housing', {
      sourcePersonId: 'BR-2',
      idType: 'RESIDENT_ID',
      idNumber: id,
      name: '李秀瑛',
      gender: 'F',
      hukouRegion: '330502',
    });
    await waitUntil('the first two records linked', async () => records() >= before + 2);
    const [p1, p2] = [await personOf('BR-1'), await personOf('BR-2')];
    expect(p1).not.toBe(p2);

    await send('health', {
      sourcePersonId: 'BR-3',
      idType: 'RESIDENT_ID',
      idNumber: id,
      name: '李秀英',
      gender: 'F',
      phone: '13900000001',
      hukouRegion: '330502',
    });
    await waitUntil('the bridging record linked', async () => records() >= before + 3);
    const survivor = await personOf('BR-3');
    expect(await personOf('BR-1')).toBe(survivor);
    expect(await personOf('BR-2')).toBe(survivor);
    const merged = (await db.query('SELECT person_id, merged_into FROM person WHERE person_id = ANY($1)', [[p1, p2]]))
      .rows;
    expect(merged.filter((r) => r.merged_into === survivor)).toHaveLength(1);

    const links = await readTopic(bus, topics.personLinks, 1, 30_000);
    const payloads = links.map((l) => JSON.parse(l.value!.toString()));
    // Other tests may merge too (the examples can arrive in any order): pick this test's merge.
    const merge = payloads
      .map((p) => p.data as PersonMergedData)
      .find((d) => d.type === 'MERGED' && d.survivorId === survivor);
    expect(merge).toBeDefined();
    expect(merge!.mergedIds).toEqual([survivor === p1 ? p2 : p1]);
    const link = payloads.map((p) => p.data as PersonLinkData).find((d) => d.sourcePersonId === 'BR-3');
    expect(link).toMatchObject({ decision: 'MATCH', personId: survivor });
    expect(link!.reasons.find((r) => r.field === 'idNumber')).toMatchObject({ level: 'EXACT' });
    expect(payloads.every((p) => p.specversion === '1.0' && p.source === '/hub/matcher')).toBe(true);
  });

  it('queues an uncertain pair for review instead of merging it: same name, gender and county only', async () => {
    const before = records();
    await send('civil-affairs', {
      sourcePersonId: 'PM-1',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219700707101'),
      name: '王伟',
      gender: 'M',
      hukouRegion: '330502',
    });
    await waitUntil('the first record linked', async () => records() >= before + 1);
    await send('charity', { sourcePersonId: 'PM-2', idType: 'NONE', name: '王伟', gender: 'M', hukouRegion: '330502' });
    await waitUntil('the second record linked', async () => records() >= before + 2);
    const [p1, p2] = [await personOf('PM-1'), await personOf('PM-2')];
    expect(p2).not.toBe(p1);
    const review = await db.query(
      `SELECT candidate_person_id, status, reasons FROM match_review WHERE source_person_id = 'PM-2'`,
    );
    expect(review.rows).toEqual([expect.objectContaining({ candidate_person_id: p1, status: 'OPEN' })]);
    expect(review.rows[0].reasons.find((r: { field: string }) => r.field === 'name')).toMatchObject({ level: 'EXACT' });
  });

  it('never overrides a reviewer: a manually unlinked record stays where the reviewer put it', async () => {
    const before = records();
    await send('education', {
      sourcePersonId: 'MU-1',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219900101201'),
      name: '王芳',
      gender: 'F',
    });
    await send('human-resources', {
      sourcePersonId: 'MU-2',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219900101201'),
      name: '王芳',
      gender: 'F',
    });
    await waitUntil('both records linked', async () => records() >= before + 2);
    expect(await personOf('MU-2')).toBe(await personOf('MU-1'));

    // What the review console (issue #5) will do: move MU-2 to a person of its own, marked manual.
    await db.query(`INSERT INTO person (person_id) VALUES ('P-reviewed')`);
    await db.query(`UPDATE person_record SET person_id = 'P-reviewed', manual = true WHERE source_person_id = 'MU-2'`);
    await send(
      'human-resources',
      {
        sourcePersonId: 'MU-2',
        idType: 'RESIDENT_ID',
        idNumber: validId('33050219900101201'),
        name: '王芳',
        gender: 'F',
        phone: '13700000000',
      },
      EVENT_TYPES.BENEFIT_GRANTED,
    );
    await waitUntil('the record seen again', async () => records() >= before + 3);
    expect(await personOf('MU-2')).toBe('P-reviewed');
  });

  it("links a record whose mistyped ID number is another person's to its own person, without linking it again", async () => {
    const before = records();
    const runAgain = matcher.get(MatcherStats).counts.runAgain;
    const zhu = { name: '朱鹏子', gender: 'M', birthDate: '1980-02-02', phone: '13900001111' };
    await send('civil-affairs', {
      sourcePersonId: 'MT-1',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219800202105'),
      ...zhu,
    });
    // Another man born the same day in the same county: his sequence digits differ from 朱鹏子's by one.
    await send('health', {
      sourcePersonId: 'MT-2',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219800202135'),
      name: '钱多多',
      gender: 'M',
    });
    await waitUntil('both records linked', async () => records() >= before + 2);
    // A clerk typed 朱鹏子's number with that digit wrong (its check digit fails): name, birth date and phone say who.
    const typed = '33050219800202135' + (checkDigit('33050219800202135') === '0' ? '1' : '0');
    await send('education', { sourcePersonId: 'MT-3', idType: 'RESIDENT_ID', idNumber: typed, ...zhu });
    await waitUntil('the mistyped record linked', async () => records() >= before + 3);
    expect(await personOf('MT-3')).toBe(await personOf('MT-1'));
    expect(await personOf('MT-2')).not.toBe(await personOf('MT-1'));
    // The number is 钱多多's person's, and the chunk read his record carrying it: no race, so it is not linked again
    // (it was, 7 times, before 2026-12-08, pausing between).
    expect(matcher.get(MatcherStats).counts.runAgain - runAgain).toBe(0);
  });

  it('links a record whose number another person holds, unseen, once more only', async () => {
    const before = records();
    const first = { sourcePersonId: 'MC-1', idType: 'RESIDENT_ID', name: '孙立', gender: 'M', birthDate: '1970-03-03' };
    await send('civil-affairs', { ...first, idNumber: validId('33050219700303301') });
    await waitUntil('the record linked', async () => records() >= before + 1);
    // The office corrects 孙立's number: his person keeps the claim on the first one, which no record of his carries.
    await send('civil-affairs', { ...first, idNumber: validId('33050219700303311') });
    await waitUntil('the corrected record linked', async () => records() >= before + 2);
    const runAgain = matcher.get(MatcherStats).counts.runAgain;
    // The man whose number that is: the chunk reads no record carrying it, so its claim looks like a lost race once.
    await send('health', {
      sourcePersonId: 'MC-2',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219700303301'),
      name: '周强',
      gender: 'M',
      birthDate: '1970-03-03',
    });
    await waitUntil('his record linked', async () => records() >= before + 3);
    expect(await personOf('MC-2')).not.toBe(await personOf('MC-1'));
    // Linked again once, the same holder found again: that person was known by then, and the link is kept.
    expect(matcher.get(MatcherStats).counts.runAgain - runAgain).toBe(1);
  });

  it('ties department households to one hub household through the members they share', async () => {
    const before = records();
    const child = {
      sourcePersonId: 'HH-3',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050220120909102'),
      name: '赵小雨',
      gender: 'F',
    };
    await send(
      'civil-affairs',
      {
        sourcePersonId: 'HH-1',
        idType: 'RESIDENT_ID',
        idNumber: validId('33050219800808101'),
        name: '赵大山',
        gender: 'M',
      },
      EVENT_TYPES.STATUS_ASSERTED,
      { householdId: 'MZ-H-77', role: 'HEAD' },
    );
    await send('civil-affairs', child, EVENT_TYPES.STATUS_ASSERTED, { householdId: 'MZ-H-77', role: 'CHILD' });
    await waitUntil('the civil-affairs household linked', async () => records() >= before + 2);
    // The school knows the child under its own household number.
    await send('education', { ...child, sourcePersonId: 'JY-HH-3' }, EVENT_TYPES.BENEFIT_GRANTED, {
      householdId: 'JY-H-5',
      role: 'CHILD',
    });
    await waitUntil('the school record linked', async () => records() >= before + 3);
    const households = (
      await db.query(
        `SELECT DISTINCT p.household_id FROM person_record r JOIN person p USING (person_id) WHERE r.source_person_id IN ('HH-1', 'HH-3', 'JY-HH-3')`,
      )
    ).rows;
    expect(households).toHaveLength(1);
    expect(households[0].household_id).toMatch(/^H-/);
    const sources = (
      await db.query('SELECT source_household_id FROM household_source WHERE household_id = $1 ORDER BY 1', [
        households[0].household_id,
      ])
    ).rows;
    expect(sources.map((r) => r.source_household_id)).toEqual(['JY-H-5', 'MZ-H-77']);
    const links = (await readTopic(bus, topics.personLinks, 1, 30_000)).map(
      (l) => JSON.parse(l.value!.toString()).data as PersonLinkData,
    );
    expect(links.find((l) => l.sourcePersonId === 'JY-HH-3')).toMatchObject({
      decision: 'MATCH',
      householdId: households[0].household_id,
    });
  });
});
