import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { EVENT_TYPES } from '@hub/contract';
import { MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { DetectorStats } from '../../apps/detector/src/detector-stats';
import { freshDatabase, intakeEnv, newBus, readTopic, startDetector, uniqueName, waitUntil } from '../support/e2e-env';
import { linkedEventFeed } from '../support/linked-events';
import { DataSource } from 'typeorm';
import { hubDataSourceOptions } from '@hub/persistence';
import { WorkingDayCalendar, endOfCountyDay, loadRulePack } from '@hub/rules';
import { dryRunRulePack } from '../../apps/detector/src/rules/rule-dry-run';
import { AccountController } from '../../apps/detector/src/account/account.controller';
import { AlertsController } from '../../apps/detector/src/alerts/alerts.controller';
import { RecoveryController } from '../../apps/detector/src/recovery/recovery.controller';

/**
 * The detector on the real broker and database, fed hub.events.linked directly so that event time,
 * arrival order and who is who are the test's to set: duplicates raised and retracted, omissions held
 * back by a lagging department and raised once event time passes their window, then fulfilled; a
 * revocation that arrives before its grant; a second reading of the whole input raising nothing new.
 */
describe('detector end to end', () => {
  const namespace = `${uniqueName('detect')}.`;
  const topics = new TopicNames(namespace);
  let bus: MessageBus;
  let detector: INestApplication;
  let db: Client;
  let env: Record<string, string>;
  let feed: ReturnType<typeof linkedEventFeed>;
  const stats = () => detector.get(DetectorStats).counts;
  const applied = async (n = feed.count) =>
    waitUntil(`${n} linked events applied`, async () => stats().events >= n, 30_000);
  const alerts = async (where = 'true') =>
    (
      await db.query(
        `SELECT alert_id, rule_id, status, resolution, raised FROM alert WHERE ${where} ORDER BY detected_at, alert_id`,
      )
    ).rows;
  const history = async () => Number((await db.query('SELECT count(*)::int AS n FROM alert_history')).rows[0].n);
  const cases = async () =>
    (await db.query('SELECT case_id, status, recovered_fen, updated_at FROM recovery_case ORDER BY case_id')).rows;

  beforeAll(async () => {
    const url = await freshDatabase('detect');
    db = new Client({ connectionString: url });
    await db.connect();
    // The hub's own clock row as versions before event time could be null wrote it for "not yet known": the epoch.
    // Kept, it stood in for event time while partitions held it back, and the first duplicates were stamped 1970.
    await db.query(
      `INSERT INTO event_clock (topic, partition, event_time, last_seen_at) VALUES ('', -1, 'epoch', now())`,
    );
    bus = newBus();
    await bus.ensureTopics(topics.provisioning(6));
    // Only partition 0 of each topic carries events here: the other, registered ones stop holding event time back after 5 s.
    env = intakeEnv(namespace, url, { DETECTOR_IDLE_SPAN_SECONDS: '5' });
    detector = await startDetector(env);
    feed = linkedEventFeed(topics, bus);
  });

  afterAll(async () => {
    await detector?.close();
    await bus?.close();
    await db?.end();
  });

  it('raises a duplicate once with evidence pointing at the source events, and retracts it when a grant is revoked', async () => {
    await feed.send(
      feed.grant(
        'civil-affairs',
        '2026-01-05T09:00:00+08:00',
        'P-dup',
        'MZ-1',
        'DIBAO',
        '2026-01-01',
        '2026-12-31',
        '/330502/civil-affairs/dibao',
      ),
      feed.grant(
        'civil-affairs',
        '2026-03-02T09:00:00+08:00',
        'P-dup',
        'MZ-9',
        'DIBAO',
        '2026-03-01',
        '2026-12-31',
        '/330503/civil-affairs/dibao',
      ),
    );
    await applied();
    const raised = await alerts(`rule_id = 'dup.same-program-overlap'`);
    expect(raised).toHaveLength(1);
    // The first events of an empty hub: the other partitions still hold event time back (for 5 s), so there is none
    // yet. The duplicate is stamped with the event time of its evidence (the later grant), not 1970, not the wall clock.
    expect(stats().events).toBe(2);
    expect(raised[0].raised.detectedAt).toBe('2026-03-02T09:00:00.000+08:00');
    expect(
      (await db.query('SELECT detected_at FROM alert WHERE alert_id = $1', [raised[0].alert_id])).rows[0].detected_at,
    ).toEqual(new Date('2026-03-02T09:00:00+08:00'));
    const published = (await readTopic(bus, topics.duplicateAlerts, 1, 30_000)).map((m) =>
      JSON.parse(m.value!.toString()),
    );
    expect(published).toHaveLength(1);
    const alert = published[0];
    expect(alert).toMatchObject({ specversion: '1.0', type: 'assist.alert.raised.v1', source: '/hub/detector' });
    expect(alert.data).toMatchObject({
      alertId: raised[0].alert_id,
      kind: 'DUPLICATE',
      ruleId: 'dup.same-program-overlap',
      personId: 'P-dup',
      subject: { name: '王*明' },
    });
    expect(alert.data.evidence.map((e: { benefitId: string }) => e.benefitId).sort()).toEqual(['MZ-1', 'MZ-9']);
    expect(alert.data.evidence[0]).toMatchObject({
      topic: topics.intake('civil-affairs'),
      eventId: expect.stringMatching(/^ev-/),
      offset: expect.any(Number),
    });
    expect(alert.data.explanation).toContain('低保');

    // The second county stops its grant from the day it began: it never counted, the duplicate is gone.
    await feed.send(
      feed.event(
        'civil-affairs',
        EVENT_TYPES.BENEFIT_REVOKED,
        '2026-03-10T09:00:00+08:00',
        { benefitId: 'MZ-9', effective: '2026-03-01', reason: 'DUPLICATE' },
        null,
        '/330503/civil-affairs/dibao',
      ),
    );
    await applied();
    expect(await alerts(`rule_id = 'dup.same-program-overlap'`)).toEqual([
      expect.objectContaining({ status: 'RETRACTED', resolution: 'RETRACTED' }),
    ]);
    const changes = (await readTopic(bus, topics.duplicateAlerts, 2, 30_000)).map((m) =>
      JSON.parse(m.value!.toString()),
    );
    expect(changes.map((m) => [m.type, m.data.alertId, m.data.resolution])).toEqual([
      ['assist.alert.raised.v1', raised[0].alert_id, undefined],
      ['assist.alert.resolved.v1', raised[0].alert_id, 'RETRACTED'],
    ]);
  });

  it('ignores a grant whose revocation arrived first', async () => {
    await feed.send(
      feed.event(
        'civil-affairs',
        EVENT_TYPES.BENEFIT_REVOKED,
        '2026-03-11T09:00:00+08:00',
        { benefitId: 'MZ-77', effective: '2026-01-01', reason: 'WRONG' },
        null,
        '/330504/civil-affairs/dibao',
      ),
    );
    await feed.send(
      feed.grant(
        'civil-affairs',
        '2026-03-11T10:00:00+08:00',
        'P-early',
        'MZ-70',
        'DIBAO',
        '2026-01-01',
        '2026-12-31',
        '/330502/civil-affairs/dibao',
      ),
      feed.grant(
        'civil-affairs',
        '2026-03-11T10:00:00+08:00',
        'P-early',
        'MZ-77',
        'DIBAO',
        '2026-01-01',
        '2026-12-31',
        '/330504/civil-affairs/dibao',
      ),
    );
    await applied();
    expect(await alerts(`raised->>'personId' = 'P-early'`)).toEqual([]);
  });

  it('holds an omission back while a department lags, raises it once event time passes the window, and fulfils it late', async () => {
    // 低保 from 2026-03-12: an insurance subsidy covering day D+30 (2026-04-11) is due.
    await feed.send(
      feed.status('civil-affairs', '2026-03-12T09:00:00+08:00', 'P-omit', 'MZ-S-1', 'DIBAO_MEMBER', '2026-03-12'),
    );
    await feed.send(
      feed.status('health', '2026-03-12T10:00:00+08:00', 'P-other', 'YB-S-1', 'HOSPITALIZED', '2026-03-12', {
        outOfPocketFen: 1000,
        admissionRef: 'A-1',
      }),
    );
    await applied();
    // Civil affairs is at 2026-04-20, past the window; health still at 2026-03-12: event time is held back.
    await feed.send(
      feed.grant(
        'civil-affairs',
        '2026-04-20T09:00:00+08:00',
        'P-else',
        'MZ-300',
        'PRICE_SUBSIDY',
        '2026-04-20',
        '2026-04-20',
      ),
    );
    await applied();
    await new Promise((r) => setTimeout(r, 1500)); // a clock tick or more
    expect(await alerts(`rule_id = 'omit.insurance-subsidy'`)).toEqual([]);

    await feed.send(
      feed.grant(
        'health',
        '2026-04-20T10:00:00+08:00',
        'P-else',
        'YB-300',
        'MEDICAL_ASSIST',
        '2026-04-20',
        '2026-04-20',
      ),
    );
    await applied();
    await waitUntil(
      'the omission raised',
      async () => (await alerts(`rule_id = 'omit.insurance-subsidy'`)).length === 1,
      15_000,
    );
    const [omission] = await alerts(`rule_id = 'omit.insurance-subsidy'`);
    expect(omission.raised).toMatchObject({
      kind: 'OMISSION',
      personId: 'P-omit',
      dueAt: '2026-04-11T23:59:59.999+08:00',
    });
    const published = (await readTopic(bus, topics.omissionAlerts, 1, 30_000)).map((m) =>
      JSON.parse(m.value!.toString()),
    );
    expect(published.map((m) => m.data.alertId)).toContain(omission.alert_id);

    // The subsidy arrives late: the omission is FULFILLED, not retracted.
    await feed.send(
      feed.grant(
        'health',
        '2026-04-25T09:00:00+08:00',
        'P-omit',
        'YB-400',
        'INSURANCE_SUBSIDY',
        '2026-01-01',
        '2026-12-31',
      ),
    );
    await applied();
    expect(await alerts(`rule_id = 'omit.insurance-subsidy'`)).toEqual([
      expect.objectContaining({ status: 'FULFILLED' }),
    ]);
  });

  it('dry-runs a rule pack over the stored facts: counts what it would raise, stores and publishes nothing (issue 14)', async () => {
    // 特困 from 04-20: its insurance window (to 05-20) is still open at the detector's event time, so nothing is raised meanwhile.
    await feed.send(
      feed.status('civil-affairs', '2026-04-26T09:00:00+08:00', 'P-tekun', 'MZ-S-T1', 'TEKUN', '2026-04-20'),
    );
    await applied();
    const before = { alerts: await alerts(), history: await history() };
    const pack = loadRulePack();
    const withTekun = {
      ...pack,
      rules: pack.rules.map((r) => (r.id === 'omit.tekun-support' ? { ...r, enabled: true } : r)),
    };
    const source = new DataSource(
      hubDataSourceOptions(env.DATABASE_URL, { poolSize: 1, applicationName: 'dry-run-test' }),
    );
    await source.initialize();
    try {
      const report = await dryRunRulePack(
        source.manager,
        withTekun,
        WorkingDayCalendar.load(pack.calendarFile),
        endOfCountyDay('2026-12-31'),
      );
      const line = (ruleId: string) => report.rules.find((r) => r.ruleId === ruleId);
      expect(line('omit.tekun-support')).toMatchObject({
        wouldRaise: 1,
        alreadyRaised: 0,
        examples: [expect.stringContaining('未做到应养尽养')],
      });
      // The insurance omission of P-omit is raised already (and FULFILLED): it is counted as such, not as new.
      expect(line('omit.insurance-subsidy')).toMatchObject({ alreadyRaised: 1 });
      expect(report.households).toBeGreaterThan(3);
    } finally {
      await source.destroy();
    }
    expect({ alerts: await alerts(), history: await history() }).toEqual(before);
  });

  it('opens recovery cases from duplicates that establish an overpayment, counts recoveries, and closes them by waiver or dismissal (追回, contract 8)', async () => {
    const caseMessages = async (n: number) =>
      (await readTopic(bus, topics.recoveryCases, n, 30_000)).map((m) => JSON.parse(m.value!.toString()));
    const caseOf = async (personId: string) =>
      (
        await db.query(
          `SELECT case_id, alert_id, status, amount_due_fen::int AS due, recovered_fen::int AS recovered FROM recovery_case WHERE person_id = $1`,
          [personId],
        )
      ).rows[0];
    const recovered = (source: string, benefitId: string, amountFen: number, at: string) =>
      feed.event(
        'civil-affairs',
        EVENT_TYPES.BENEFIT_RECOVERED,
        at,
        { benefitId, amountFen, recoveredAt: at, reason: '退回' },
        null,
        source,
      );

    // 低保 paid for the whole year; the person died on 06-30: 184 of 365 days were paid wrongly, 3,650.00 × 184 ÷ 365 = 1,840.00.
    await feed.send(
      feed.grant(
        'civil-affairs',
        '2026-05-01T09:00:00+08:00',
        'P-gone',
        'MZ-D1',
        'DIBAO',
        '2026-01-01',
        '2026-12-31',
        undefined,
        365_000,
      ),
    );
    await feed.send(feed.status('health', '2026-07-02T09:00:00+08:00', 'P-gone', 'YB-D1', 'DECEASED', '2026-06-30'));
    await applied();
    await waitUntil('the case opened', async () => !!(await caseOf('P-gone')), 15_000);
    const death = await caseOf('P-gone');
    expect(death).toMatchObject({ status: 'OPEN', due: 184_000, recovered: 0 });
    // The first test's duplicate opened a case too, cancelled when its grant was revoked: 2 messages before this one.
    const opened = (await caseMessages(3)).find((m) => m.data.caseId === death.case_id);
    expect(opened).toMatchObject({
      type: 'assist.recovery.opened.v1',
      data: {
        caseId: death.case_id,
        alertId: death.alert_id,
        personId: 'P-gone',
        department: 'civil-affairs',
        benefitIds: ['MZ-D1'],
        amountDueFen: 184_000,
      },
    });
    expect(opened.data.basis).toContain('3,650.00×184÷365=1,840.00元');
    // The published alert says what was found; the amount is the case's.
    expect((await alerts(`alert_id = '${death.alert_id}'`))[0].raised.overpayment).toBeUndefined();

    // Civil affairs recovers it in two parts; the second event arrives twice.
    await feed.send(recovered('/330502/civil-affairs/sys', 'MZ-D1', 100_000, '2026-07-10T10:00:00+08:00'));
    await applied();
    await waitUntil('the partial recovery counted', async () => (await caseOf('P-gone')).status === 'PARTIAL');
    const rest = recovered('/330502/civil-affairs/sys', 'MZ-D1', 84_000, '2026-07-20T10:00:00+08:00');
    await feed.send(rest, rest);
    await applied();
    await waitUntil('the case recovered', async () => (await caseOf('P-gone')).status === 'RECOVERED');
    expect(await caseOf('P-gone')).toMatchObject({ recovered: 184_000 });
    const updates = (await caseMessages(5))
      .filter((m) => m.type === 'assist.recovery.updated.v1' && m.data.caseId === death.case_id)
      .map((m) => [m.data.status, m.data.recoveredFen, m.data.outstandingFen]);
    expect(updates).toEqual([
      ['PARTIAL', 100_000, 84_000],
      ['RECOVERED', 184_000, 0],
    ]);
    const account = await detector.get(AccountController).person('P-gone');
    expect(account.benefits.find((b) => b.benefitId === 'MZ-D1')).toMatchObject({ recoveredFen: 184_000 });
    expect(account.recoveryCases).toEqual([expect.objectContaining({ caseId: death.case_id, status: 'RECOVERED' })]);

    // A recovery that comes before its grant waits for it: the later county's 低保 overlaps the first for 184 days.
    await feed.send(recovered('/330503/civil-affairs/dibao', 'MZ-O9', 30_000, '2026-07-21T10:00:00+08:00'));
    await feed.send(
      feed.grant(
        'civil-affairs',
        '2026-07-22T09:00:00+08:00',
        'P-twice',
        'MZ-O1',
        'DIBAO',
        '2026-01-01',
        '2026-12-31',
        '/330502/civil-affairs/dibao',
        365_000,
      ),
      feed.grant(
        'civil-affairs',
        '2026-07-22T09:00:00+08:00',
        'P-twice',
        'MZ-O9',
        'DIBAO',
        '2026-07-01',
        '2026-12-31',
        '/330503/civil-affairs/dibao',
        184_000,
      ),
      feed.grant(
        'civil-affairs',
        '2026-07-22T09:00:00+08:00',
        'P-thrice',
        'MZ-T1',
        'DIBAO',
        '2026-01-01',
        '2026-12-31',
        '/330502/civil-affairs/dibao',
        365_000,
      ),
      feed.grant(
        'civil-affairs',
        '2026-07-22T09:00:00+08:00',
        'P-thrice',
        'MZ-T9',
        'DIBAO',
        '2026-12-01',
        '2026-12-31',
        '/330503/civil-affairs/dibao',
        31_000,
      ),
    );
    await applied();
    await waitUntil(
      'both overlap cases opened',
      async () => !!(await caseOf('P-twice')) && !!(await caseOf('P-thrice')),
      15_000,
    );
    expect(await caseOf('P-twice')).toMatchObject({ status: 'PARTIAL', due: 184_000, recovered: 30_000 });
    expect(await caseOf('P-thrice')).toMatchObject({ status: 'OPEN', due: 31_000, recovered: 0 });

    // A reviewer waives the rest of one, with a reason; a closed case cannot be waived again.
    const recovery = detector.get(RecoveryController);
    const twice = await caseOf('P-twice');
    expect(await recovery.waive(twice.case_id, { by: 'reviewer1', reason: '家庭困难，经审批免予追回' })).toMatchObject({
      status: 'WAIVED',
      recoveredFen: 30_000,
      outstandingFen: 154_000,
      reason: '家庭困难，经审批免予追回',
    });
    await expect(recovery.waive(twice.case_id, { by: 'reviewer1', reason: 'again' })).rejects.toThrow('WAIVED already');
    // Dismissing the other's alert cancels its case; the death case, recovered, stays so when its alert is dismissed.
    const alertsApi = detector.get(AlertsController);
    await alertsApi.dismiss((await caseOf('P-thrice')).alert_id, {
      by: 'reviewer1',
      reason: '两县已核实，系同一笔调整',
    });
    await alertsApi.dismiss(death.alert_id, { by: 'reviewer1', reason: '已追回' });
    expect(await caseOf('P-thrice')).toMatchObject({ status: 'CANCELLED' });
    expect(await caseOf('P-gone')).toMatchObject({ status: 'RECOVERED' });
    const summary = await recovery.summary();
    expect(summary).toEqual([
      expect.objectContaining({
        department: 'civil-affairs',
        cases: 2,
        amountDueFen: 368_000,
        recoveredFen: 214_000,
        outstandingFen: 0,
        waivedFen: 154_000,
      }),
    ]);
    const thrice = await caseOf('P-thrice');
    const closes = (await caseMessages(10))
      .filter((m) => ['WAIVED', 'CANCELLED'].includes(m.data.status) && m.data.caseId !== undefined)
      .map((m) => [m.data.caseId, m.data.status]);
    expect(closes).toEqual(
      expect.arrayContaining([
        [twice.case_id, 'WAIVED'],
        [thrice.case_id, 'CANCELLED'],
      ]),
    );
  });

  it('watches referrals between departments: a referral waits for its application, a decision may come first, an undecided one is raised after 5 working days and fulfilled by a late decision (一门受理, contract 8)', async () => {
    const window = '/330502/civil-affairs/window';
    const hospital = '/330502/health/yiliao';
    const referralAlerts = async () =>
      (await alerts(`rule_id = 'omit.referral-sla'`)).map((a) => ({ ...a, personId: a.raised.personId }));
    const applicant = (sourcePersonId: string) => ({ sourcePersonId, name: '王小明', idType: 'NONE' });
    const received = (
      time: string,
      personId: string,
      applicationId: string,
      householdId: string | null,
      receivedAt = time,
    ) =>
      feed.event(
        'civil-affairs',
        EVENT_TYPES.APPLICATION_RECEIVED,
        time,
        { applicationId, person: applicant(`S-${personId}`), program: 'TEMPORARY', receivedAt, channel: 'WINDOW' },
        personId,
        window,
        householdId,
      );
    const verified = (time: string, applicationId: string) =>
      feed.event(
        'civil-affairs',
        EVENT_TYPES.APPLICATION_VERIFIED,
        time,
        { applicationId, verifiedAt: time },
        null,
        window,
      );
    const referred = (time: string, applicationId: string, referredAt = time) =>
      feed.event(
        'civil-affairs',
        EVENT_TYPES.APPLICATION_REFERRED,
        time,
        { applicationId, toDepartment: 'health', need: '住院自付费用医疗救助', referredAt },
        null,
        window,
      );
    const decided = (time: string, applicationId: string, referredApplicationId: string) =>
      feed.event(
        'health',
        EVENT_TYPES.APPLICATION_DECIDED,
        time,
        {
          applicationId,
          decision: 'APPROVED',
          decidedAt: time,
          referral: { source: window, applicationId: referredApplicationId },
        },
        null,
        hospital,
      );

    // Monday 08-03 at the township window: XZ-2's referral comes before its application (which the window reports late),
    // XZ-1 is received, verified and referred to health; XZ-3 is received and verified.
    await feed.send(
      referred('2026-08-03T09:30:00+08:00', 'XZ-2'),
      received('2026-08-03T10:00:00+08:00', 'P-ref', 'XZ-1', 'H-ref'),
      verified('2026-08-03T10:10:00+08:00', 'XZ-1'),
      referred('2026-08-03T10:30:00+08:00', 'XZ-1'),
      received('2026-08-03T11:00:00+08:00', 'P-ref3', 'XZ-3', null),
      verified('2026-08-03T11:10:00+08:00', 'XZ-3'),
    );
    // Health decides XZ-3's referral before the window's referral of it arrives; then XZ-3's referral and XZ-2's application.
    await feed.send(decided('2026-08-04T10:00:00+08:00', 'YL-3', 'XZ-3'));
    await feed.send(
      referred('2026-08-04T11:00:00+08:00', 'XZ-3', '2026-08-04T09:00:00+08:00'),
      received('2026-08-04T12:00:00+08:00', 'P-wait', 'XZ-2', null, '2026-08-03T09:00:00+08:00'),
      verified('2026-08-04T12:10:00+08:00', 'XZ-2'),
    );
    await applied();
    expect(
      (
        await db.query(
          `SELECT application_id, to_department, decided_by FROM detector_referral ORDER BY application_id`,
        )
      ).rows,
    ).toEqual([
      { application_id: 'XZ-1', to_department: 'health', decided_by: null },
      { application_id: 'XZ-2', to_department: 'health', decided_by: null },
      { application_id: 'XZ-3', to_department: 'health', decided_by: hospital },
    ]);
    await new Promise((r) => setTimeout(r, 1500)); // a clock tick or more: still within 5 working days, nothing raised
    expect(await referralAlerts()).toEqual([]);

    // Both departments move past Monday 08-10, the fifth working day after the referrals.
    await feed.send(
      feed.grant(
        'civil-affairs',
        '2026-08-11T09:00:00+08:00',
        'P-clock',
        'MZ-800',
        'PRICE_SUBSIDY',
        '2026-08-11',
        '2026-08-11',
      ),
      feed.grant(
        'health',
        '2026-08-11T09:00:00+08:00',
        'P-clock',
        'YB-800',
        'MEDICAL_ASSIST',
        '2026-08-11',
        '2026-08-11',
        hospital,
      ),
    );
    await applied();
    await waitUntil('the two undecided referrals raised', async () => (await referralAlerts()).length === 2, 15_000);
    const raised = await referralAlerts();
    const late = raised.find((a) => a.personId === 'P-ref')!;
    const waited = raised.find((a) => a.personId === 'P-wait')!;
    expect(raised.map((a) => a.status)).toEqual(['OPEN', 'OPEN']);
    expect(late.raised).toMatchObject({
      kind: 'OMISSION',
      ruleId: 'omit.referral-sla',
      personId: 'P-ref',
      householdId: 'H-ref',
      subject: { name: '王*明' },
      dueAt: '2026-08-10T23:59:59.999+08:00',
    });
    expect(late.raised.explanation).toBe(
      '王*明 的救助申请（编号 XZ-1）于 2026-08-03 10:30 由民政部门转交卫健医保部门办理（住院自付费用医疗救助），超过 5 个工作日未作出决定（应于 2026-08-10 前），请督办。',
    );
    expect(
      late.raised.evidence.map((e: { source: string; applicationId: string }) => [e.source, e.applicationId]),
    ).toEqual([
      [window, 'XZ-1'],
      [window, 'XZ-1'],
    ]);
    expect(waited.raised).toMatchObject({ personId: 'P-wait', dueAt: '2026-08-10T23:59:59.999+08:00' });
    expect(waited.raised.explanation).toContain('编号 XZ-2）于 2026-08-03 09:30 由民政部门转交卫健医保部门办理');
    // Verified in time at the window: the application SLA has nothing to say about these applications.
    expect(
      await alerts(`rule_id = 'omit.application-sla' AND raised->>'personId' IN ('P-ref', 'P-ref3', 'P-wait')`),
    ).toEqual([]);

    // Health decides XZ-1 a day late: the alert is FULFILLED, and published so.
    await feed.send(decided('2026-08-12T09:00:00+08:00', 'YL-1', 'XZ-1'));
    await applied();
    await waitUntil(
      'the late decision fulfils the alert',
      async () => (await referralAlerts()).find((a) => a.personId === 'P-ref')!.status === 'FULFILLED',
      15_000,
    );
    expect((await referralAlerts()).find((a) => a.personId === 'P-wait')).toMatchObject({ status: 'OPEN' });
    await waitUntil(
      'the referral alerts published',
      async () =>
        Number(
          (
            await db.query(
              `SELECT count(*)::int AS n FROM alert_history WHERE alert_id = ANY($1) AND published_at IS NULL`,
              [[late.alert_id, waited.alert_id]],
            )
          ).rows[0].n,
        ) === 0,
      15_000,
    );
    const omissionMessages = Number(
      (await db.query('SELECT count(*)::int AS n FROM alert_history WHERE topic = $1', [topics.omissionAlerts])).rows[0]
        .n,
    );
    const published = (await readTopic(bus, topics.omissionAlerts, omissionMessages, 30_000)).map((m) =>
      JSON.parse(m.value!.toString()),
    );
    expect(published.filter((m) => m.data.alertId === late.alert_id).map((m) => [m.type, m.data.resolution])).toEqual([
      ['assist.alert.raised.v1', undefined],
      ['assist.alert.resolved.v1', 'FULFILLED'],
    ]);
    expect(published.filter((m) => m.data.alertId === waited.alert_id).map((m) => m.type)).toEqual([
      'assist.alert.raised.v1',
    ]);
  });

  it('raises nothing new when the whole input is read again', async () => {
    const before = { alerts: await alerts(), history: await history(), cases: await cases() };
    expect(before.alerts.length).toBeGreaterThan(0);
    // A second detector with a group of its own re-reads hub.events.linked from the beginning.
    const again = await startDetector({ ...env, DETECTOR_GROUP_ID: `${namespace}detector-replay` });
    try {
      await waitUntil(
        'the replay read everything',
        async () => again.get(DetectorStats).counts.events >= feed.count,
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await again.close();
    }
    expect(await alerts()).toEqual(before.alerts);
    expect(await history()).toBe(before.history);
    expect(await cases()).toEqual(before.cases);
  });
});
