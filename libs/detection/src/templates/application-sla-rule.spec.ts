import { ApplicationSlaRule } from '@hub/rules';
import {
  after,
  application,
  endOf,
  evaluateWith,
  household,
  person,
  referral,
  ruleOf,
} from '../testing/timeline-fixtures';

const rule = ruleOf<ApplicationSlaRule>('omit.application-sla');
const withApplications = (...applications: ReturnType<typeof application>[]) =>
  household('H-1', person('P-1', { applications }));

describe('omit.application-sla (template application-sla)', () => {
  it('gives a Friday receipt until the end of Tuesday (weekend not counted)', () => {
    const subject = withApplications(
      application({ applicationId: 'JJ-1', receivedAt: '2026-03-06T15:00:00+08:00', channel: 'PHONE' }),
    );
    expect(evaluateWith(rule, subject, endOf('2026-03-10')).pending).toEqual([
      {
        alertId: expect.stringMatching(/^A-/),
        ruleId: rule.id,
        personId: 'P-1',
        householdId: 'H-1',
        dueAt: '2026-03-10T23:59:59.999+08:00',
      },
    ]);
    const findings = evaluateWith(rule, subject, after('2026-03-10')).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'HIGH', kind: 'OMISSION', dueAt: '2026-03-10T23:59:59.999+08:00' });
    expect(findings[0].evidence.map((e) => e.applicationId)).toEqual(['JJ-1']);
    expect(findings[0].explanation).toBe(
      '王*明 的急难救助申请（编号 JJ-1，2026-03-06 15:00 受理）超过 2 个工作日未完成核实（应于 2026-03-10 前），请督办。',
    );
  });

  it('counts across 春节 2026: received Friday 02-13, the make-up Saturday 02-14 is day 1, due Tuesday 02-24', () => {
    const subject = withApplications(application({ applicationId: 'JJ-2', receivedAt: '2026-02-13T10:00:00+08:00' }));
    expect(evaluateWith(rule, subject, endOf('2026-02-24')).pending.map((p) => p.dueAt)).toEqual([
      '2026-02-24T23:59:59.999+08:00',
    ]);
    expect(evaluateWith(rule, subject, endOf('2026-02-16')).findings).toEqual([]);
    expect(evaluateWith(rule, subject, after('2026-02-24')).findings.map((f) => f.dueAt)).toEqual([
      '2026-02-24T23:59:59.999+08:00',
    ]);
  });

  it('reads the day of receipt in county time (20:00Z Thursday is Friday 04:00 in the county)', () => {
    const subject = withApplications(application({ applicationId: 'JJ-3', receivedAt: '2026-03-05T20:00:00Z' }));
    expect(evaluateWith(rule, subject, endOf('2026-03-09')).pending.map((p) => p.dueAt)).toEqual([
      '2026-03-10T23:59:59.999+08:00',
    ]);
  });

  it('is fulfilled by verification in time, and a late verification moves the alert to fulfilled', () => {
    const onTime = withApplications(
      application({
        applicationId: 'JJ-1',
        receivedAt: '2026-03-06T15:00:00+08:00',
        verifiedAt: '2026-03-09T10:00:00+08:00',
      }),
    );
    expect(evaluateWith(rule, onTime, after('2026-03-10'))).toMatchObject({
      findings: [],
      pending: [],
      fulfilled: [expect.any(String)],
    });
    const raised = evaluateWith(
      rule,
      withApplications(application({ applicationId: 'JJ-1', receivedAt: '2026-03-06T15:00:00+08:00' })),
      after('2026-03-10'),
    ).findings[0];
    const late = withApplications(
      application({
        applicationId: 'JJ-1',
        receivedAt: '2026-03-06T15:00:00+08:00',
        verifiedAt: '2026-03-12T10:00:00+08:00',
      }),
    );
    expect(evaluateWith(rule, late, after('2026-03-12'))).toMatchObject({
      findings: [expect.objectContaining({ alertId: raised.alertId })],
      fulfilled: [raised.alertId],
    });
  });

  it('counts a decision only where the county accepts it as proof', () => {
    const decided = withApplications(
      application({
        applicationId: 'JJ-1',
        receivedAt: '2026-03-06T15:00:00+08:00',
        decidedAt: '2026-03-09T10:00:00+08:00',
      }),
    );
    expect(evaluateWith(rule, decided, after('2026-03-10')).findings).toHaveLength(1);
    expect(evaluateWith(rule, decided, after('2026-03-10')).fulfilled).toEqual([]);
    expect(
      evaluateWith({ ...rule, fulfilledBy: ['VERIFIED', 'DECIDED'] }, decided, after('2026-03-10')).findings,
    ).toEqual([]);
  });

  it('ignores applications for programs not in the rule', () => {
    const subject = withApplications(
      application({ applicationId: 'YL-1', program: 'MEDICAL_ASSIST', receivedAt: '2026-03-06T15:00:00+08:00' }),
    );
    expect(evaluateWith(rule, subject, after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
      fulfilled: [],
    });
  });

  it('skips, with the calendar’s reason, a receipt the calendar cannot count (provisional 2027, missing 2028)', () => {
    const subject = withApplications(
      application({ applicationId: 'JJ-27', receivedAt: '2027-03-05T10:00:00+08:00' }),
      application({ applicationId: 'JJ-28', receivedAt: '2028-03-06T10:00:00+08:00' }),
    );
    const result = evaluateWith(rule, subject, after('2028-12-31'));
    expect(result).toMatchObject({ findings: [], pending: [], fulfilled: [] });
    expect(result.skipped?.map((s) => s.reason)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('provisional'),
        expect.stringContaining('has no arrangement for 2028'),
      ]),
    );
    expect(result.skipped?.every((s) => s.ruleId === rule.id && s.personId === 'P-1')).toBe(true);
  });

  it('skips a receipt on the last days of 2026 whose count runs into provisional 2027', () => {
    const subject = withApplications(application({ applicationId: 'JJ-29', receivedAt: '2026-12-31T10:00:00+08:00' }));
    const result = evaluateWith(rule, subject, after('2027-01-10'));
    expect(result.skipped).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });
});

describe('omit.referral-sla (template application-sla, windowStart REFERRED; contract v1.1 §8)', () => {
  const referralRule = ruleOf<ApplicationSlaRule>('omit.referral-sla');
  const applicationSla = ruleOf<ApplicationSlaRule>('omit.application-sla');
  // Received and verified at the township window (civil affairs) on Monday, referred to health the same morning.
  const referredApplication = (...referrals: ReturnType<typeof referral>[]) =>
    withApplications(
      application({
        applicationId: 'JJ-1',
        receivedAt: '2026-03-09T09:00:00+08:00',
        verifiedAt: '2026-03-09T09:30:00+08:00',
        referrals,
      }),
    );
  const toHealth = (decidedAt?: string) =>
    referral({
      toDepartment: 'health',
      referredAt: '2026-03-09T10:00:00+08:00',
      need: '住院自付费用医疗救助',
      decidedAt,
    });

  it('decided in time: no alert (Monday 03-09 referral, 5 working days: due the end of Monday 03-16)', () => {
    const result = evaluateWith(
      referralRule,
      referredApplication(toHealth('2026-03-16T17:00:00+08:00')),
      after('2026-03-20'),
    );
    expect(result).toMatchObject({ findings: [], pending: [], fulfilled: [expect.stringMatching(/^A-/)] });
  });

  it('never decided: pending until the deadline, then one alert naming both departments and the need', () => {
    const subject = referredApplication(toHealth());
    expect(evaluateWith(referralRule, subject, endOf('2026-03-16'))).toMatchObject({
      findings: [],
      pending: [
        {
          alertId: expect.stringMatching(/^A-/),
          ruleId: 'omit.referral-sla',
          personId: 'P-1',
          householdId: 'H-1',
          dueAt: '2026-03-16T23:59:59.999+08:00',
        },
      ],
    });
    const findings = evaluateWith(referralRule, subject, after('2026-03-16')).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'omit.referral-sla',
      kind: 'OMISSION',
      severity: 'HIGH',
      personId: 'P-1',
      householdId: 'H-1',
      dueAt: '2026-03-16T23:59:59.999+08:00',
    });
    expect(findings[0].explanation).toBe(
      '王*明 的救助申请（编号 JJ-1）于 2026-03-09 10:00 由民政部门转交卫健医保部门办理（住院自付费用医疗救助），超过 5 个工作日未作出决定（应于 2026-03-16 前），请督办。',
    );
    // The application and the referral: a caseworker finds both events.
    expect(findings[0].evidence.map((e) => [e.source, e.applicationId])).toEqual([
      ['/330502/civil-affairs/jijinan', 'JJ-1'],
      ['/330502/civil-affairs/jijinan', 'JJ-1'],
    ]);
    expect(findings[0].evidence[1].eventId).not.toBe(findings[0].evidence[0].eventId);
  });

  it('decided late: the alert, fulfilled at once (a live hub raised it at the deadline and resolves it FULFILLED when the decision comes)', () => {
    const raised = evaluateWith(referralRule, referredApplication(toHealth()), after('2026-03-16')).findings[0];
    const late = evaluateWith(
      referralRule,
      referredApplication(toHealth('2026-03-18T11:00:00+08:00')),
      after('2026-03-18'),
    );
    expect(late.findings.map((f) => f.alertId)).toEqual([raised.alertId]);
    expect(late.findings[0].explanation).toBe(raised.explanation);
    expect(late.fulfilled).toEqual([raised.alertId]);
    expect(late.pending).toEqual([]);
  });

  it('counts working days across 劳动节 2026: referred Wednesday 04-29, 05-01..05-05 off, the make-up Saturday 05-09 is day 5', () => {
    const subject = referredApplication(
      referral({ toDepartment: 'housing', referredAt: '2026-04-29T16:00:00+08:00', need: '危房改造' }),
    );
    expect(evaluateWith(referralRule, subject, endOf('2026-05-08')).pending.map((p) => p.dueAt)).toEqual([
      '2026-05-09T23:59:59.999+08:00',
    ]);
    expect(evaluateWith(referralRule, subject, endOf('2026-05-09')).findings).toEqual([]);
    const findings = evaluateWith(referralRule, subject, after('2026-05-09')).findings;
    expect(findings.map((f) => f.dueAt)).toEqual(['2026-05-09T23:59:59.999+08:00']);
    expect(findings[0].explanation).toContain('由民政部门转交住建部门办理（危房改造）');
    const decidedOnTheMakeUpDay = referredApplication(
      referral({
        toDepartment: 'housing',
        referredAt: '2026-04-29T16:00:00+08:00',
        need: '危房改造',
        decidedAt: '2026-05-09T15:00:00+08:00',
      }),
    );
    expect(evaluateWith(referralRule, decidedOnTheMakeUpDay, after('2026-05-20'))).toMatchObject({
      findings: [],
      pending: [],
    });
  });

  it('watches each department asked on its own: one decision does not answer another department’s referral', () => {
    const subject = referredApplication(
      toHealth('2026-03-10T10:00:00+08:00'),
      referral({ toDepartment: 'education', referredAt: '2026-03-09T10:00:00+08:00', need: '教育救助' }),
    );
    const result = evaluateWith(referralRule, subject, after('2026-03-16'));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].explanation).toContain('转交教育部门办理（教育救助）');
    expect(result.fulfilled).toHaveLength(1);
    expect(result.fulfilled[0]).not.toBe(result.findings[0].alertId);
  });

  it('fires on referrals only, and the application SLA ignores them', () => {
    expect(evaluateWith(referralRule, referredApplication(), after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
      fulfilled: [],
    });
    // The application itself was verified in time: its own SLA holds whatever becomes of its referral.
    expect(evaluateWith(applicationSla, referredApplication(toHealth()), after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
    });
    const unlisted = withApplications(
      application({
        applicationId: 'YL-1',
        program: 'CITY_BONUS',
        receivedAt: '2026-03-09T09:00:00+08:00',
        referrals: [toHealth()],
      }),
    );
    expect(evaluateWith(referralRule, unlisted, after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
      fulfilled: [],
    });
  });

  it('skips a referral the calendar cannot count (provisional 2027)', () => {
    const subject = referredApplication(referral({ toDepartment: 'health', referredAt: '2027-03-05T10:00:00+08:00' }));
    const result = evaluateWith(referralRule, subject, after('2027-12-31'));
    expect(result.findings).toEqual([]);
    expect(result.skipped?.map((s) => s.ruleId)).toEqual(['omit.referral-sla']);
  });
});
