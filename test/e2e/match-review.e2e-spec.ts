import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { Department, EVENT_TYPES } from '@hub/contract';
import { checkDigit } from '@hub/identity';
import { MessageBus } from '@hub/kafka';
import { LinkedEventBatch, PersonLinkData, PersonMergedData, TopicNames } from '@hub/topics';
import { MatcherStats } from '../../apps/matcher/src/matcher-stats';
import { DetectorStats } from '../../apps/detector/src/detector-stats';
import { ReviewView } from '../../apps/matcher/src/review/review.dto';
import { cloudEvent } from '../support/contract-events';
import {
  freshDatabase,
  intakeEnv,
  messagesIn,
  newBus,
  readTopic,
  startDetector,
  startIntake,
  startMatcher,
  uniqueName,
  waitUntil,
} from '../support/e2e-env';
import { asHubService } from '../support/service-token';

const validId = (first17: string) => first17 + checkDigit(first17);

/**
 * A reviewer's decisions through the matcher's review API, on the real broker and database with intake,
 * matcher and detector running: the record joins the proposed person (a merge), stays apart (marked
 * manual), or is unlinked from a person it was wrongly tied to, which retracts the duplicate alert
 * that wrong link made.
 */
describe('match review decisions end to end', () => {
  const namespace = `${uniqueName('review')}.`;
  const topics = new TopicNames(namespace);
  let bus: MessageBus;
  let apps: INestApplication[] = [];
  let matcher: INestApplication;
  let matcherUrl: string;
  let db: Client;
  let sent = 0;

  const send = async (
    department: Department,
    person: Record<string, unknown>,
    data: Record<string, unknown> = {},
    source?: string,
  ) => {
    sent++;
    const payload = {
      benefitId: `B-${sent}`,
      program: 'DIBAO',
      person,
      amountFen: 1000,
      period: { start: '2026-01-01', end: '2026-12-31' },
      ...data,
    };
    const m = cloudEvent(
      department,
      EVENT_TYPES.BENEFIT_GRANTED,
      payload,
      `${namespace}e-${sent}`,
      'structured',
      String(person.sourcePersonId),
    );
    const value = source ? Buffer.from(JSON.stringify({ ...JSON.parse(m.value.toString()), source })) : m.value;
    await bus.publish([{ topic: topics.intake(department), key: m.key, value, headers: m.headers }]);
  };
  const status = async (
    department: Department,
    person: Record<string, unknown>,
    validFrom: string,
    statusName: string,
  ) => {
    sent++;
    const data = {
      statusId: `S-${sent}`,
      status: statusName,
      person,
      validFrom,
      validTo: null,
      attributes: statusName === 'UNEMPLOYED' ? { ableToWork: false } : {},
    };
    const m = cloudEvent(
      department,
      EVENT_TYPES.STATUS_ASSERTED,
      data,
      `${namespace}e-${sent}`,
      'structured',
      String(person.sourcePersonId),
    );
    const value = Buffer.from(
      JSON.stringify({ ...JSON.parse(m.value.toString()), time: `${validFrom}T09:00:00+08:00` }),
    );
    await bus.publish([{ topic: topics.intake(department), key: m.key, value, headers: m.headers }]);
  };
  const records = () => matcher.get(MatcherStats).counts.records;
  const personOf = async (sourcePersonId: string) =>
    (
      await db.query('SELECT person_id, manual, decision FROM person_record WHERE source_person_id = $1', [
        sourcePersonId,
      ])
    ).rows[0];
  const http = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${matcherUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...asHubService() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const reviewOf = async (sourcePersonId: string): Promise<ReviewView> => {
    const { body } = await http('GET', '/reviews?status=OPEN&limit=500');
    return body.reviews.find((r: ReviewView) => r.record.sourcePersonId === sourcePersonId);
  };

  beforeAll(async () => {
    const url = await freshDatabase('review');
    db = new Client({ connectionString: url });
    await db.connect();
    bus = newBus();
    const env = intakeEnv(namespace, url, { DETECTOR_IDLE_SPAN_SECONDS: '2' });
    // Intake first: it creates the topics the others subscribe to.
    const intake = await startIntake(env);
    matcher = await startMatcher(env);
    await matcher.listen(0, '127.0.0.1');
    matcherUrl = `http://127.0.0.1:${(matcher.getHttpServer().address() as AddressInfo).port}`;
    apps = [intake, matcher, await startDetector(env)];
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await bus?.close();
    await db?.end();
  });

  it('answers persons and reviews, and takes decisions, only from a caller with the service token (issue 12)', async () => {
    const bare = async (method: string, path: string, headers: Record<string, string> = {}) =>
      (
        await fetch(`${matcherUrl}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: method === 'POST' ? JSON.stringify({ reviewer: 'anyone', decision: 'SAME_PERSON' }) : undefined,
        })
      ).status;
    for (const [method, path] of [
      ['GET', '/persons?q=王'],
      ['GET', '/persons/P-1'],
      ['GET', '/reviews?status=OPEN'],
      ['POST', '/reviews/1/decision'],
      ['POST', '/records/unlink'],
      ['POST', '/records/link'],
      ['POST', '/persons/split'],
    ]) {
      expect(`${method} ${path} ${await bare(method, path)}`).toBe(`${method} ${path} 401`);
      expect(await bare(method, path, { authorization: 'Bearer a-token-of-some-other-hub-0123456789abcdef' })).toBe(
        401,
      );
    }
    expect((await http('GET', '/reviews?status=OPEN')).status).toBe(200);
    for (const open of ['/health', '/metrics', '/matcher/stats']) expect(await bare('GET', open)).toBe(200);
  });

  it('lists an uncertain pair with both sides and settles it as the same person: the two persons merge, published', async () => {
    const before = records();
    await send('civil-affairs', {
      sourcePersonId: 'RV-1',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219700707101'),
      name: '王伟',
      gender: 'M',
      hukouRegion: '330502',
    });
    await waitUntil('the first record linked', async () => records() >= before + 1);
    await send(
      'charity',
      { sourcePersonId: 'RV-2', idType: 'NONE', name: '王伟', gender: 'M', hukouRegion: '330502' },
      { program: 'CHARITY_MEDICAL' },
    );
    await waitUntil('the second record linked', async () => records() >= before + 2);

    const review = await reviewOf('RV-2');
    const [first, second] = [await personOf('RV-1'), await personOf('RV-2')];
    expect(review).toMatchObject({
      status: 'OPEN',
      record: { sourcePersonId: 'RV-2', name: '王伟', idNumber: null, personId: second.person_id },
      candidate: { personId: first.person_id },
    });
    expect(review.candidate.records).toEqual([
      expect.objectContaining({ sourcePersonId: 'RV-1', idNumber: validId('33050219700707101') }),
    ]);
    expect(review.reasons.find((r) => r.field === 'name')).toMatchObject({ level: 'EXACT' });
    // The detector hears of the pair in the value that brings the record's event, not only later from the outbox:
    // in between, event time could pass the record's event and an omission be raised instead of held.
    const linked = (await readTopic(bus, topics.linkedEvents, await messagesIn(bus, topics.linkedEvents), 10_000))
      .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))
      .map((m) => JSON.parse(m.value!.toString()) as LinkedEventBatch);
    const firstHold = linked.find((v) => v.reviewHolds?.some((h) => h.sourcePersonId === 'RV-2' && h.open));
    expect(
      firstHold?.events.filter(
        (e) => (e.data as { person?: { sourcePersonId?: string } }).person?.sourcePersonId === 'RV-2',
      ).length,
    ).toBe(1);
    // The charity is told its record waits for a reviewer, on its own feedback topic (contract 8); intake tells it of
    // the record's missing ID number there too.
    const told = async () =>
      (await readTopic(bus, topics.feedback('charity'), await messagesIn(bus, topics.feedback('charity')), 10_000))
        .map((m) => JSON.parse(m.value!.toString()))
        .filter((f) => f.data.sourcePersonId === 'RV-2');
    await waitUntil(
      'the charity told of the review',
      async () => (await told()).some((f) => f.data.outcome === 'NEEDS_REVIEW'),
      30_000,
    );
    expect((await told()).find((f) => f.data.outcome === 'NEEDS_REVIEW')).toMatchObject({
      type: 'assist.feedback.v1',
      source: '/hub/matcher',
      data: { codes: ['POSSIBLE_MATCH'], source: expect.stringContaining('/charity/') },
    });
    expect((await told()).find((f) => f.data.outcome === 'ACCEPTED_WITH_FLAGS')).toMatchObject({
      source: '/hub/intake',
      data: { codes: expect.arrayContaining(['ID_MISSING']) },
    });

    const decided = await http('POST', `/reviews/${review.reviewId}/decision`, {
      outcome: 'SAME',
      reviewer: 'reviewer1',
      reason: '电话核实为同一人',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'LINKED',
      decidedBy: 'reviewer1',
      decisionReason: '电话核实为同一人',
    });
    const survivor = [first.person_id, second.person_id].sort()[0];
    expect(await personOf('RV-1')).toMatchObject({ person_id: survivor });
    expect(await personOf('RV-2')).toMatchObject({ person_id: survivor, manual: true, decision: 'MANUAL' });

    const published = (await readTopic(bus, topics.personLinks, 4, 30_000)).map((m) => JSON.parse(m.value!.toString()));
    expect(published.find((e) => e.data.sourcePersonId === 'RV-2' && e.data.decision === 'MANUAL')?.data).toMatchObject(
      { personId: survivor },
    );
    expect(published.find((e) => e.data.type === 'MERGED')?.data as PersonMergedData).toEqual({
      type: 'MERGED',
      survivorId: survivor,
      mergedIds: [[first.person_id, second.person_id].sort()[1]],
    });

    // Settled once: a second decision on the same pair is refused, and the pair left the open queue.
    expect(
      (
        await http('POST', `/reviews/${review.reviewId}/decision`, {
          outcome: 'DIFFERENT',
          reviewer: 'reviewer2',
          reason: 'x',
        })
      ).status,
    ).toBe(409);
    expect(await reviewOf('RV-2')).toBeUndefined();
  });

  it('marks a pair as different people: the record stays with its own person and linking never moves it', async () => {
    const before = records();
    await send('civil-affairs', {
      sourcePersonId: 'RV-3',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219710808101'),
      name: '李娜',
      gender: 'F',
      hukouRegion: '330502',
    });
    await waitUntil('the first record linked', async () => records() >= before + 1);
    await send(
      'charity',
      { sourcePersonId: 'RV-4', idType: 'NONE', name: '李娜', gender: 'F', hukouRegion: '330502' },
      { program: 'CHARITY_MEDICAL' },
    );
    await waitUntil('the second record linked', async () => records() >= before + 2);
    const review = await reviewOf('RV-4');
    const own = (await personOf('RV-4')).person_id;
    const decided = await http('POST', `/reviews/${review.reviewId}/decision`, {
      outcome: 'DIFFERENT',
      reviewer: 'reviewer1',
      reason: '出生日期不同',
    });
    expect(decided.body).toMatchObject({ status: 'DIFFERENT' });
    // The charity sends the record again with the other person's birth date: it stays where the reviewer left it.
    await send(
      'charity',
      {
        sourcePersonId: 'RV-4',
        idType: 'NONE',
        name: '李娜',
        gender: 'F',
        hukouRegion: '330502',
        birthDate: '1971-08-08',
      },
      { program: 'CHARITY_MEDICAL' },
    );
    await waitUntil('the record seen again', async () => records() >= before + 3);
    expect(await personOf('RV-4')).toMatchObject({ person_id: own, manual: true });
  });

  it('unlinks a record tied to the wrong person: its grant moves with it and the duplicate alert it made is retracted', async () => {
    const id = validId('33050219650505101');
    const before = records();
    await send('civil-affairs', {
      sourcePersonId: 'RV-5',
      idType: 'RESIDENT_ID',
      idNumber: id,
      name: '赵强',
      gender: 'M',
    });
    // Another county's 低保 system keyed the same ID number for another man (a clerk's mistake).
    await send(
      'civil-affairs',
      { sourcePersonId: 'RV-6', idType: 'RESIDENT_ID', idNumber: id, name: '赵强', gender: 'M' },
      {},
      '/330503/civil-affairs/dibao',
    );
    await waitUntil('both records linked', async () => records() >= before + 2);
    const tied = (await personOf('RV-5')).person_id;
    expect((await personOf('RV-6')).person_id).toBe(tied);
    const alertOf = async () =>
      (
        await db.query(
          `SELECT alert_id, status FROM alert WHERE rule_id = 'dup.same-program-overlap' AND person_id = $1`,
          [tied],
        )
      ).rows[0];
    await waitUntil('the duplicate alert raised', async () => (await alertOf())?.status === 'OPEN', 60_000);

    expect(
      (
        await http('POST', '/records/unlink', {
          source: '/330503/civil-affairs/dibao',
          sourcePersonId: 'RV-6',
          reviewer: 'reviewer1',
          reason: '身份证号录入错误',
        })
      ).status,
    ).toBe(200);
    const moved = await personOf('RV-6');
    expect(moved.person_id).not.toBe(tied);
    expect(moved.manual).toBe(true);
    await waitUntil('the duplicate alert retracted', async () => (await alertOf())?.status === 'RETRACTED', 60_000);
    const grant = (
      await db.query(`SELECT person_id FROM detector_benefit WHERE source = '/330503/civil-affairs/dibao'`)
    ).rows;
    expect(grant).toEqual([{ person_id: moved.person_id }]);
    const links = (await readTopic(bus, topics.personLinks, 10, 30_000)).map(
      (m) => JSON.parse(m.value!.toString()).data as PersonLinkData,
    );
    expect(links.find((l) => l.sourcePersonId === 'RV-6' && l.decision === 'MANUAL')).toMatchObject({
      personId: moved.person_id,
    });

    // A record that is its person's only one has nothing to be unlinked from.
    expect(
      (
        await http('POST', '/records/unlink', {
          source: '/330503/civil-affairs/dibao',
          sourcePersonId: 'RV-6',
          reviewer: 'reviewer1',
          reason: 'again',
        })
      ).status,
    ).toBe(409);
    expect(
      (await http('POST', '/records/unlink', { source: '/330503/civil-affairs/dibao', sourcePersonId: 'RV-6' })).status,
    ).toBe(400);

    // The county confirms it was the same man after all: the reviewer links the record to him by name (issue 14).
    const rv6 = { source: '/330503/civil-affairs/dibao', sourcePersonId: 'RV-6', reviewer: 'reviewer1' };
    expect((await http('POST', '/records/link', { ...rv6, personId: moved.person_id, reason: '核实' })).status).toBe(
      409,
    );
    expect((await http('POST', '/records/link', { ...rv6, personId: 'P-000000000000', reason: '核实' })).status).toBe(
      404,
    );
    const back = await http('POST', '/records/link', { ...rv6, personId: tied, reason: '户籍核实：系同一人' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ personId: tied, decision: 'MANUAL', manual: true });
    expect(await personOf('RV-6')).toMatchObject({ person_id: tied, manual: true });
    await waitUntil(
      'the grant back on him',
      async () =>
        (await db.query(`SELECT person_id FROM detector_benefit WHERE source = '/330503/civil-affairs/dibao'`)).rows[0]
          ?.person_id === tied,
      60_000,
    );
    const relinked = (await readTopic(bus, topics.personLinks, await messagesIn(bus, topics.personLinks), 30_000)).map(
      (m) => JSON.parse(m.value!.toString()).data as PersonLinkData,
    );
    // persons.links is keyed by person: the unlink's and the link's decisions sit on different partitions, in no
    // order between them, so the link's is found by what it says, not by being read last.
    expect(
      relinked.find((l) => l.sourcePersonId === 'RV-6' && l.decision === 'MANUAL' && l.reasons[0]?.level === 'LINKED'),
    ).toMatchObject({ personId: tied, reasons: [{ field: 'reviewer', level: 'LINKED' }] });

    // And once more in one step (unmerge): the records named leave the person together, for a person of their own.
    const sourceOf = async (id: string) =>
      (await db.query('SELECT source FROM person_record WHERE source_person_id = $1', [id])).rows[0].source as string;
    const rv5 = { source: await sourceOf('RV-5'), sourcePersonId: 'RV-5' };
    const rv6key = { source: '/330503/civil-affairs/dibao', sourcePersonId: 'RV-6' };
    const split = (body: Record<string, unknown>) =>
      http('POST', '/persons/split', { reviewer: 'reviewer1', reason: '核实为二人', personId: tied, ...body });
    // Not every record (one must stay), and only the person's own.
    expect((await split({ records: [rv6key, rv5] })).status).toBe(409);
    expect((await split({ records: [{ source: await sourceOf('RV-1'), sourcePersonId: 'RV-1' }] })).status).toBe(409);
    const apart = await split({ records: [rv6key] });
    expect(apart.status).toBe(200);
    expect(apart.body.personId).not.toBe(tied);
    expect(await personOf('RV-6')).toMatchObject({ person_id: apart.body.personId, manual: true });
    expect((await personOf('RV-5')).person_id).toBe(tied);
    await waitUntil(
      'the grant on the new person',
      async () =>
        (await db.query(`SELECT person_id FROM detector_benefit WHERE source = '/330503/civil-affairs/dibao'`)).rows[0]
          ?.person_id === apart.body.personId,
      60_000,
    );
  });

  it("closes a pair by rule once a record with the reviewed record's own ID number and phone joins its person", async () => {
    // 赵丽 of the 低保 office (her ID number); a charity's 赵丽 without one goes to review against her. Then the
    // charity's record of the second 赵丽 with her own ID number and the same phone joins the reviewed record's person:
    // had it come first, the ID-less record would have joined it outright. The pair is no question any more.
    const before = records();
    const settledBefore = matcher.get(MatcherStats).counts.reviewsSettled;
    const zhao = { name: '赵丽', gender: 'F', hukouRegion: '330502' };
    await send('civil-affairs', {
      sourcePersonId: 'RV-30',
      idType: 'RESIDENT_ID',
      idNumber: validId('33050219660606202'),
      ...zhao,
    });
    await waitUntil('the first record linked', async () => records() >= before + 1);
    const charity = { program: 'CHARITY_MEDICAL' };
    await send('charity', { sourcePersonId: 'RV-31', idType: 'NONE', ...zhao, phone: '13905721234' }, charity);
    await waitUntil('the ID-less record linked', async () => records() >= before + 2);
    const review = await reviewOf('RV-31');
    const own = (await personOf('RV-31')).person_id;
    expect(review.candidate.personId).toBe((await personOf('RV-30')).person_id);

    await send(
      'charity',
      {
        sourcePersonId: 'RV-32',
        idType: 'RESIDENT_ID',
        idNumber: validId('33050219800909204'),
        ...zhao,
        phone: '13905721234',
      },
      charity,
    );
    await waitUntil('her ID-bearing record linked', async () => records() >= before + 3);
    expect(await personOf('RV-32')).toMatchObject({ person_id: own, decision: 'MATCH' });
    expect(await personOf('RV-31')).toMatchObject({ person_id: own, decision: 'MATCH', manual: false });
    const settled = (await http('GET', `/reviews?status=DIFFERENT&limit=500`)).body.reviews.find(
      (r: ReviewView) => r.reviewId === review.reviewId,
    );
    expect(settled).toMatchObject({ status: 'DIFFERENT', decidedBy: 'matcher' });
    expect(settled.decisionReason).toContain('按规则关闭审核');
    expect(matcher.get(MatcherStats).counts.reviewsSettled).toBe(settledBefore + 1);
    // Told like any decision: MATCH to her own person on persons.links, and the detector's hold lifted, in the feed
    // that brings the joining record's event.
    const published = async () =>
      (await readTopic(bus, topics.personLinks, await messagesIn(bus, topics.personLinks), 10_000))
        .map((m) => JSON.parse(m.value!.toString()))
        .filter((e) => e.data.sourcePersonId === 'RV-31')
        // Keyed by person, the two decisions lie on different partitions: in the order decided.
        .sort((a, b) => a.time.localeCompare(b.time))
        .map((e) => `${e.data.decision}:${e.data.personId}`);
    await waitUntil('the settled link published', async () => (await published()).includes(`MATCH:${own}`), 30_000);
    expect(await published()).toEqual([`POSSIBLE_MATCH:${review.candidate.personId}`, `MATCH:${own}`]);
    const linked = (await readTopic(bus, topics.linkedEvents, await messagesIn(bus, topics.linkedEvents), 10_000)).map(
      (m) => JSON.parse(m.value!.toString()) as LinkedEventBatch,
    );
    const lifted = linked.find((v) => v.reviewHolds?.some((h) => h.sourcePersonId === 'RV-31' && !h.open));
    expect(
      lifted?.events.some(
        (e) => (e.data as { person?: { sourcePersonId?: string } }).person?.sourcePersonId === 'RV-32',
      ),
    ).toBe(true);
    expect(await reviewOf('RV-31')).toBeUndefined();
  });

  /**
   * An unemployed woman the employment office knows with her ID number; a subsidy the insurance office pays to
   * a namesake it holds without one (event time 2 March: the pair goes to review); 低保 for her from 5 January,
   * so the subsidy is owed by 4 February. Returns the review and her person.
   */
  const omissionUnderReview = async (name: string, first17: string, ids: [string, string, string]) => {
    const before = records();
    const woman = { idType: 'RESIDENT_ID', idNumber: validId(first17), name, gender: 'F', hukouRegion: '330502' };
    await status('human-resources', { sourcePersonId: ids[0], ...woman }, '2026-01-02', 'UNEMPLOYED');
    await waitUntil('her first record linked', async () => records() >= before + 1);
    await send(
      'health',
      { sourcePersonId: ids[1], idType: 'NONE', name, gender: 'F', hukouRegion: '330502' },
      { program: 'INSURANCE_SUBSIDY', period: { start: '2026-01-10', end: '2026-12-31' } },
    );
    await waitUntil('the subsidy record linked', async () => records() >= before + 2);
    const review = await reviewOf(ids[1]);
    const personId = (await personOf(ids[0])).person_id;
    expect(review.candidate.personId).toBe(personId);
    await status('civil-affairs', { sourcePersonId: ids[2], ...woman }, '2026-01-05', 'DIBAO_MEMBER');
    await waitUntil('the 低保 record linked to her', async () => (await personOf(ids[2]))?.person_id === personId);
    return { review, personId };
  };

  it('holds the omission of a person under review, and raises it once the reviewer says the pair are different people', async () => {
    const { review, personId: qianId } = await omissionUnderReview('钱秀兰', '33050219550303202', [
      'RV-7',
      'RV-8',
      'RV-10',
    ]);
    const detector = apps[2].get(DetectorStats);
    await waitUntil('the omission found and held', async () => detector.counts.held > 0, 60_000);
    const omission = async () =>
      (await db.query(`SELECT status FROM alert WHERE rule_id = 'omit.insurance-subsidy' AND person_id = $1`, [qianId]))
        .rows[0];
    expect(await omission()).toBeUndefined();

    expect(
      (
        await http('POST', `/reviews/${review.reviewId}/decision`, {
          outcome: 'DIFFERENT',
          reviewer: 'reviewer1',
          reason: '出生年份不同，非同一人',
        })
      ).status,
    ).toBe(200);
    await waitUntil(
      'the omission raised once the pair is settled',
      async () => (await omission())?.status === 'OPEN',
      60_000,
    );
  });

  it('publishes an omission as PROVISIONAL when the hold span passes with the pair still open, and raises it once the pair is settled', async () => {
    const { review, personId: sunId } = await omissionUnderReview('孙桂芝', '33050219600404301', [
      'RV-20',
      'RV-21',
      'RV-22',
    ]);
    const omission = async () =>
      (
        await db.query(
          `SELECT alert_id, status FROM alert WHERE rule_id = 'omit.insurance-subsidy' AND person_id = $1`,
          [sunId],
        )
      ).rows[0];
    const changes = async (alertId: string) =>
      (await db.query('SELECT change FROM alert_history WHERE alert_id = $1 ORDER BY seq', [alertId])).rows.map(
        (r) => r.change,
      );
    // Someone else's event of 1 May takes event time past the hold's end (2 April) with nobody having reviewed the pair.
    await status(
      'housing',
      {
        sourcePersonId: 'RV-23',
        idType: 'RESIDENT_ID',
        idNumber: validId('33050219700505401'),
        name: '周建华',
        gender: 'M',
        hukouRegion: '330502',
      },
      '2026-05-01',
      'HOUSING_DIFFICULTY',
    );
    await waitUntil(
      'the omission published as provisional',
      async () => (await omission())?.status === 'PROVISIONAL',
      60_000,
    );
    const { alert_id } = await omission();
    expect(await changes(alert_id)).toEqual(['PROVISIONAL']);
    const [published] = (
      await db.query(`SELECT cloud_event->>'type' AS type, published_at FROM alert_history WHERE alert_id = $1`, [
        alert_id,
      ])
    ).rows;
    expect(published.type).toBe('assist.alert.provisional.v1');

    expect(
      (
        await http('POST', `/reviews/${review.reviewId}/decision`, {
          outcome: 'DIFFERENT',
          reviewer: 'reviewer1',
          reason: '不是同一人',
        })
      ).status,
    ).toBe(200);
    await waitUntil(
      'the omission raised once the pair is settled',
      async () => (await omission())?.status === 'OPEN',
      60_000,
    );
    expect(await changes(alert_id)).toEqual(['PROVISIONAL', 'RAISED']);
  });
});
