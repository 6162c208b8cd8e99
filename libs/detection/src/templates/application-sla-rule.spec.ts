import { ApplicationSlaRule } from '@hub/rules';
import { after, application, endOf, evaluateWith, household, person, ruleOf } from '../testing/timeline-fixtures';

const rule = ruleOf<ApplicationSlaRule>('omit.application-sla');
const withApplications = (...applications: ReturnType<typeof application>[]) => household('H-1', person('P-1', { applications }));

describe('omit.application-sla (template application-sla)', () => {
  it('gives a Friday receipt until the end of Tuesday (weekend not counted)', () => {
    const subject = withApplications(application({ applicationId: 'JJ-1', receivedAt: '2026-03-06T15:00:00+08:00', channel: 'PHONE' }));
    expect(evaluateWith(rule, subject, endOf('2026-03-10')).pending).toEqual([
      { alertId: expect.stringMatching(/^A-/), ruleId: rule.id, personId: 'P-1', householdId: 'H-1', dueAt: '2026-03-10T23:59:59.999+08:00' },
    ]);
    const findings = evaluateWith(rule, subject, after('2026-03-10')).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'HIGH', kind: 'OMISSION', dueAt: '2026-03-10T23:59:59.999+08:00' });
    expect(findings[0].evidence.map((e) => e.applicationId)).toEqual(['JJ-1']);
    expect(findings[0].explanation).toBe('王*明 的急难救助申请（编号 JJ-1，2026-03-06 15:00 受理）超过 2 个工作日未完成核实（应于 2026-03-10 前），请督办。');
  });

  it('counts across 春节 2026: received Friday 02-13, the make-up Saturday 02-14 is day 1, due Tuesday 02-24', () => {
    const subject = withApplications(application({ applicationId: 'JJ-2', receivedAt: '2026-02-13T10:00:00+08:00' }));
    expect(evaluateWith(rule, subject, endOf('2026-02-24')).pending.map((p) => p.dueAt)).toEqual(['2026-02-24T23:59:59.999+08:00']);
    expect(evaluateWith(rule, subject, endOf('2026-02-16')).findings).toEqual([]);
    expect(evaluateWith(rule, subject, after('2026-02-24')).findings.map((f) => f.dueAt)).toEqual(['2026-02-24T23:59:59.999+08:00']);
  });

  it('reads the day of receipt in county time (20:00Z Thursday is Friday 04:00 in the county)', () => {
    const subject = withApplications(application({ applicationId: 'JJ-3', receivedAt: '2026-03-05T20:00:00Z' }));
    expect(evaluateWith(rule, subject, endOf('2026-03-09')).pending.map((p) => p.dueAt)).toEqual(['2026-03-10T23:59:59.999+08:00']);
  });

  it('is fulfilled by verification in time, and a late verification moves the alert to fulfilled', () => {
    const onTime = withApplications(application({ applicationId: 'JJ-1', receivedAt: '2026-03-06T15:00:00+08:00', verifiedAt: '2026-03-09T10:00:00+08:00' }));
    expect(evaluateWith(rule, onTime, after('2026-03-10'))).toMatchObject({ findings: [], pending: [], fulfilled: [expect.any(String)] });
    const raised = evaluateWith(rule, withApplications(application({ applicationId: 'JJ-1', receivedAt: '2026-03-06T15:00:00+08:00' })), after('2026-03-10')).findings[0];
    const late = withApplications(application({ applicationId: 'JJ-1', receivedAt: '2026-03-06T15:00:00+08:00', verifiedAt: '2026-03-12T10:00:00+08:00' }));
    expect(evaluateWith(rule, late, after('2026-03-12'))).toMatchObject({ findings: [expect.objectContaining({ alertId: raised.alertId })], fulfilled: [raised.alertId] });
  });

  it('counts a decision only where the county accepts it as proof', () => {
    const decided = withApplications(application({ applicationId: 'JJ-1', receivedAt: '2026-03-06T15:00:00+08:00', decidedAt: '2026-03-09T10:00:00+08:00' }));
    expect(evaluateWith(rule, decided, after('2026-03-10')).findings).toHaveLength(1);
    expect(evaluateWith(rule, decided, after('2026-03-10')).fulfilled).toEqual([]);
    expect(evaluateWith({ ...rule, fulfilledBy: ['VERIFIED', 'DECIDED'] }, decided, after('2026-03-10')).findings).toEqual([]);
  });

  it('ignores applications for programs not in the rule', () => {
    const subject = withApplications(application({ applicationId: 'YL-1', program: 'MEDICAL_ASSIST', receivedAt: '2026-03-06T15:00:00+08:00' }));
    expect(evaluateWith(rule, subject, after('2026-12-31'))).toMatchObject({ findings: [], pending: [], fulfilled: [] });
  });

  it('skips, with the calendar’s reason, a receipt the calendar cannot count (provisional 2027, missing 2028)', () => {
    const subject = withApplications(
      application({ applicationId: 'JJ-27', receivedAt: '2027-03-05T10:00:00+08:00' }),
      application({ applicationId: 'JJ-28', receivedAt: '2028-03-06T10:00:00+08:00' }),
    );
    const result = evaluateWith(rule, subject, after('2028-12-31'));
    expect(result).toMatchObject({ findings: [], pending: [], fulfilled: [] });
    expect(result.skipped?.map((s) => s.reason)).toEqual(expect.arrayContaining([expect.stringContaining('provisional'), expect.stringContaining('has no arrangement for 2028')]));
    expect(result.skipped?.every((s) => s.ruleId === rule.id && s.personId === 'P-1')).toBe(true);
  });

  it('skips a receipt on the last days of 2026 whose count runs into provisional 2027', () => {
    const subject = withApplications(application({ applicationId: 'JJ-29', receivedAt: '2026-12-31T10:00:00+08:00' }));
    const result = evaluateWith(rule, subject, after('2027-01-10'));
    expect(result.skipped).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });
});
