import { Client } from 'pg';
import { INestApplication } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { MessageBus } from '@hub/kafka';
import { PREPAYMENT_CHECK_TOPIC, TopicNames } from '@hub/topics';
import { DetectorStats } from '../../apps/detector/src/detector-stats';
import {
  freshDatabase,
  intakeEnv,
  kafkaBrokers,
  newBus,
  startDetector,
  uniqueName,
  waitUntil,
} from '../support/e2e-env';
import { linkedEventFeed } from '../support/linked-events';
import { asHubService } from '../support/service-token';

/**
 * What departments and caseworkers ask the detector directly: a person's or household's unified
 * account, and the pre-payment check (五统一) over HTTP and over Kafka request-reply.
 */
describe('detector queries end to end', () => {
  const namespace = `${uniqueName('query')}.`;
  const topics = new TopicNames(namespace);
  let bus: MessageBus;
  let detector: INestApplication;
  let url: string;
  let feed: ReturnType<typeof linkedEventFeed>;
  const DIBAO_SOURCE = '/330502/civil-affairs/dibao';

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asHubService() },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: asHubService() });
    return { status: res.status, body: (await res.json()) as any };
  };

  let database: string;

  beforeAll(async () => {
    database = await freshDatabase('query');
    bus = newBus();
    await bus.ensureTopics(topics.provisioning(6));
    detector = await startDetector({ ...intakeEnv(namespace, database), DETECTOR_KAFKA_CHECKS: 'true' });
    await detector.listen(0, '127.0.0.1');
    url = (await detector.getUrl()).replace('[::1]', '127.0.0.1');
    feed = linkedEventFeed(topics, bus);
    await feed.send(
      feed.grant(
        'civil-affairs',
        '2026-01-05T09:00:00+08:00',
        'P-acc',
        'MZ-1',
        'DIBAO',
        '2026-01-01',
        '2026-06-30',
        DIBAO_SOURCE,
        89_000,
      ),
      feed.grant(
        'health',
        '2026-02-05T09:00:00+08:00',
        'P-acc',
        'YB-1',
        'MEDICAL_ASSIST',
        '2026-02-05',
        '2026-02-05',
        '/330502/health/yb',
        300_000,
      ),
      feed.grant(
        'civil-affairs',
        '2025-12-01T09:00:00+08:00',
        'P-acc',
        'MZ-0',
        'TEMPORARY',
        '2025-12-01',
        '2025-12-01',
        DIBAO_SOURCE,
        20_000,
      ),
    );
    await waitUntil('the grants applied', async () => detector.get(DetectorStats).counts.events >= feed.count, 30_000);
  });

  afterAll(async () => {
    await detector?.close();
    await bus?.close();
  });

  it('answers accounts, alerts and checks only to a caller with the service token; health, metrics and counters to anyone (issue 12)', async () => {
    const bare = async (path: string, headers: Record<string, string> = {}, method = 'GET') =>
      (await fetch(`${url}${path}`, { method, headers })).status;
    for (const path of ['/accounts/persons/P-acc', '/alerts?status=OPEN']) {
      expect(await bare(path)).toBe(401);
      expect(await bare(path, { authorization: 'Bearer not-the-token-of-this-hub-0123456789abcdef' })).toBe(401);
      expect(
        await bare(path, {
          authorization: `Basic ${Buffer.from(`x:${process.env.HUB_SERVICE_TOKEN}`).toString('base64')}`,
        }),
      ).toBe(401);
    }
    expect(await bare('/alerts/any/dismiss', { 'content-type': 'application/json' }, 'POST')).toBe(401);
    expect(await bare('/prepayment/checks', { 'content-type': 'application/json' }, 'POST')).toBe(401);
    expect((await get('/accounts/persons/P-acc')).status).toBe(200);
    for (const open of ['/health', '/metrics', '/detector/stats']) expect(await bare(open)).toBe(200);
  });

  it("shows a person's unified account: every department's grants with yearly totals", async () => {
    const { status, body } = await get('/accounts/persons/P-acc');
    expect(status).toBe(200);
    expect(
      body.benefits.map((b: { benefitId: string; department: string }) => `${b.department}:${b.benefitId}`),
    ).toEqual(['civil-affairs:MZ-0', 'civil-affairs:MZ-1', 'health:YB-1']);
    expect(body.yearlyTotals).toEqual([
      expect.objectContaining({ year: 2025, program: 'TEMPORARY', grants: 1, amountFen: 20_000 }),
      expect.objectContaining({
        year: 2026,
        program: 'DIBAO',
        grants: 1,
        amountFen: 89_000,
        programName: expect.stringContaining('低保'),
      }),
      expect.objectContaining({ year: 2026, program: 'MEDICAL_ASSIST', grants: 1, amountFen: 300_000 }),
    ]);
    expect((await get('/accounts/persons/P-nobody')).status).toBe(404);
  });

  it('answers the pre-payment check over HTTP: an overlapping 低保 grant conflicts, a consecutive one does not', async () => {
    const unnamed = await post('/prepayment/checks', {
      source: '/330503/civil-affairs/dibao',
      grant: { program: 'DIBAO', period: { start: '2026-06-01', end: '2026-12-31' } },
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.message).toContain('sourcePersonId or idNumber');

    const byRecord = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-P-acc',
      grant: { benefitId: 'MZ-NEW', program: 'DIBAO', period: { start: '2026-06-01', end: '2026-12-31' } },
    });
    expect(byRecord.status).toBe(201);
    expect(byRecord.body).toMatchObject({ personId: 'P-acc', wouldDuplicate: true });
    expect(byRecord.body.conflicts).toEqual([
      expect.objectContaining({
        ruleId: 'dup.same-program-overlap',
        grants: [expect.objectContaining({ benefitId: 'MZ-1', source: DIBAO_SOURCE })],
      }),
    ]);

    const consecutive = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-P-acc',
      grant: { benefitId: 'MZ-NEW', program: 'DIBAO', period: { start: '2026-07-01', end: '2026-12-31' } },
    });
    expect(consecutive.body).toMatchObject({ personId: 'P-acc', wouldDuplicate: false, conflicts: [] });

    const stranger = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-unknown',
      grant: { program: 'DIBAO', period: { start: '2026-01-01', end: '2026-12-31' } },
    });
    expect(stranger.body).toMatchObject({ personId: null, wouldDuplicate: false });

    const malformed = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-P-acc',
      grant: { program: 'DIBAO', period: { start: '2026-13-01' } },
    });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toContain('grant.period');
  });

  it('finds a person for the check by ID number, which its accounts keep only as a keyed hash (issue 12)', async () => {
    const idNumber = '330502198507071236';
    const grant = feed.grant(
      'health',
      '2026-03-01T09:00:00+08:00',
      'P-idn',
      'YB-9',
      'DIBAO',
      '2026-03-01',
      '2026-08-31',
      DIBAO_SOURCE,
    );
    (grant.data.person as Record<string, unknown>).idType = 'RESIDENT_ID';
    (grant.data.person as Record<string, unknown>).idNumber = idNumber;
    await feed.send(grant);
    await waitUntil('the grant applied', async () => detector.get(DetectorStats).counts.events >= feed.count, 30_000);
    const byId = await post('/prepayment/checks', {
      source: '/330502/civil-affairs/other',
      idNumber,
      grant: { program: 'DIBAO', period: { start: '2026-05-01', end: '2026-05-31' } },
    });
    expect(byId.body).toMatchObject({ personId: 'P-idn', wouldDuplicate: true });
    const db = new Client({ connectionString: database });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT id_first17 FROM detector_person WHERE person_id = 'P-idn'`);
      expect(rows[0].id_first17).toMatch(/^b1\./);
    } finally {
      await db.end();
    }
  });

  it('answers NOTICE_PENDING while a grant’s public notice runs, and lists an area’s noticed grants and emergency applications by month (公示, contract 8)', async () => {
    // 低保 granted 2026-01-05: noticed 01-05 to 01-09 (公示5天), long over.
    const stored = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-P-acc',
      grant: { benefitId: 'MZ-1', program: 'DIBAO', period: { start: '2026-01-01', end: '2026-06-30' } },
    });
    expect(stored.body).toMatchObject({ notice: { start: '2026-01-05', end: '2026-01-09', pending: false } });
    expect(stored.body.answers).not.toContain('NOTICE_PENDING');
    // A 临时救助 not sent yet has had no notice: payment waits; one the department noticed itself last month may go.
    const fresh = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-P-acc',
      grant: { benefitId: 'MZ-FRESH', program: 'TEMPORARY', period: { start: '2026-12-01', end: '2026-12-01' } },
    });
    expect(fresh.body).toMatchObject({ answers: ['NOTICE_PENDING'], notice: { pending: true } });
    const noticed = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-P-acc',
      grant: {
        program: 'TEMPORARY',
        period: { start: '2026-12-01', end: '2026-12-01' },
        notice: { start: '2026-11-01', end: '2026-11-05' },
      },
    });
    expect(noticed.body).toMatchObject({
      answers: [],
      notice: { start: '2026-11-01', end: '2026-11-05', pending: false },
    });
    // 医疗救助 is not noticed by the default pack.
    expect(
      (
        await post('/prepayment/checks', {
          source: '/330502/health/yb',
          sourcePersonId: 'S-P-acc',
          grant: { program: 'MEDICAL_ASSIST', period: { start: '2026-12-01', end: '2026-12-01' } },
        })
      ).body.notice,
    ).toBeUndefined();

    // 统一救助标准: 15,000.00 of 低保 over a year is 1,232.88 a month, above the county's 1,195.00 (libs/rules/standards).
    const above = await post('/prepayment/checks', {
      source: DIBAO_SOURCE,
      sourcePersonId: 'S-P-acc',
      grant: {
        program: 'DIBAO',
        period: { start: '2026-07-01', end: '2026-12-31' },
        amountFen: 800_000,
        notice: { start: '2026-06-01', end: '2026-06-05' },
      },
    });
    expect(above.body.answers).toEqual(['ABOVE_STANDARD']);
    expect(above.body.standard).toMatchObject({
      verdict: 'ABOVE_STANDARD',
      standard: { program: 'DIBAO', region: '330502', year: 2026, monthlyMaxFen: 119_500 },
      explanation: expect.stringContaining('高于标准 1195.00 元/人·月'),
    });

    // A village's month: a 低保 grant, and an emergency application (四公布: reason, verification, decision, amount).
    const VILLAGE = '330502001001';
    const inVillage = <T extends { data: Record<string, unknown> }>(e: T): T => ({
      ...e,
      data: { ...e.data, villageCode: VILLAGE },
    });
    const person = { sourcePersonId: 'S-P-vil', name: '王小明', idType: 'NONE' };
    await feed.send(
      inVillage(
        feed.grant(
          'civil-affairs',
          '2026-03-10T09:00:00+08:00',
          'P-vil',
          'MZ-V1',
          'DIBAO',
          '2026-03-01',
          '2026-12-31',
          DIBAO_SOURCE,
          89_000,
        ),
      ),
      feed.event(
        'civil-affairs',
        'assist.application.received.v1',
        '2026-03-02T10:00:00+08:00',
        {
          applicationId: 'JJ-1',
          person,
          program: 'TEMPORARY',
          receivedAt: '2026-03-02T10:00:00+08:00',
          channel: 'WINDOW',
          reason: '火灾，房屋受损，联系电话13812345678',
        },
        'P-vil',
        DIBAO_SOURCE,
      ),
      feed.event(
        'civil-affairs',
        'assist.application.verified.v1',
        '2026-03-03T10:00:00+08:00',
        { applicationId: 'JJ-1', verifiedAt: '2026-03-03T10:00:00+08:00' },
        null,
        DIBAO_SOURCE,
      ),
      feed.event(
        'civil-affairs',
        'assist.application.decided.v1',
        '2026-03-04T10:00:00+08:00',
        { applicationId: 'JJ-1', decision: 'APPROVED', decidedAt: '2026-03-04T10:00:00+08:00' },
        null,
        DIBAO_SOURCE,
      ),
      inVillage(
        feed.grant(
          'civil-affairs',
          '2026-03-04T11:00:00+08:00',
          'P-vil',
          'MZ-V2',
          'TEMPORARY',
          '2026-03-04',
          '2026-03-04',
          DIBAO_SOURCE,
          300_000,
        ),
      ),
    );
    await waitUntil('the village applied', async () => detector.get(DetectorStats).counts.events >= feed.count, 30_000);
    const list = await get(`/notices?area=${VILLAGE}&month=2026-03`);
    expect(list.status).toBe(200);
    expect(list.body.grants).toEqual([
      {
        name: '王*明',
        program: 'DIBAO',
        programName: '低保金',
        amountFen: 89_000,
        period: { start: '2026-03-01', end: '2026-12-31' },
        notice: { start: '2026-03-10', end: '2026-03-14' },
        area: VILLAGE,
      },
      {
        name: '王*明',
        program: 'TEMPORARY',
        programName: '临时救助',
        amountFen: 300_000,
        period: { start: '2026-03-04', end: '2026-03-04' },
        notice: { start: '2026-03-04', end: '2026-03-08' },
        area: VILLAGE,
      },
    ]);
    expect(list.body.emergency).toEqual([
      {
        name: '王*明',
        program: 'TEMPORARY',
        programName: '临时救助',
        reason: '火灾，房屋受损，联系电话138****5678',
        verifiedOn: '2026-03-03',
        decision: 'APPROVED',
        amountFen: 300_000,
        area: VILLAGE,
      },
    ]);
    // The township's list holds its villages; the county's, the grants named to no village; no ID number anywhere.
    expect((await get('/notices?area=330502001&month=2026-03')).body.grants).toHaveLength(2);
    expect(
      (await get('/notices?area=330502&month=2026-01')).body.grants.map((g: { program: string }) => g.program),
    ).toEqual(['DIBAO']);
    expect((await get('/notices?area=33050&month=2026-03')).status).toBe(400);
  });

  it('answers the same check over Kafka request-reply', async () => {
    const client = new ClientKafka({
      client: { clientId: uniqueName('dept'), brokers: kafkaBrokers() },
      consumer: { groupId: uniqueName('dept') },
    });
    client.subscribeToResponseOf(PREPAYMENT_CHECK_TOPIC);
    await client.connect();
    try {
      const answer = await firstValueFrom(
        client.send(PREPAYMENT_CHECK_TOPIC, {
          source: DIBAO_SOURCE,
          sourcePersonId: 'S-P-acc',
          grant: { benefitId: 'MZ-NEW', program: 'DIBAO', period: { start: '2026-03-01', end: '2026-12-31' } },
        }),
      );
      expect(answer).toMatchObject({ personId: 'P-acc', wouldDuplicate: true });
    } finally {
      await client.close();
    }
  });
});
