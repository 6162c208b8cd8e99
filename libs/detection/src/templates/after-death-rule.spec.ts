import { AfterDeathRule } from '@hub/rules';
import { after, evaluateWith, grant, household, person, ruleOf, status } from '../testing/timeline-fixtures';

const rule = ruleOf<AfterDeathRule>('dup.after-death');
const NOW = after('2026-12-31');
const death = (date: string, source = '/330502/health/death') =>
  status({ status: 'DECEASED', from: date, source, statusId: `D-${source}` });

function findingsFor(f: Parameters<typeof person>[1], r: AfterDeathRule = rule) {
  return evaluateWith(r, household('H-1', person('P-1', f)), NOW).findings;
}

describe('dup.after-death (template after-death)', () => {
  it('fires for 低保金 paid for a period running past the date of death', () => {
    const findings = findingsFor({
      statuses: [death('2026-03-10')],
      benefits: [grant({ program: 'DIBAO', benefitId: 'DB-1', start: '2026-01-01', end: '2026-12-31' })],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: rule.id, severity: 'HIGH', personId: 'P-1', dueAt: null });
    expect(findings[0].explanation).toBe(
      '王*明 已于 2026-03-10 死亡，但低保金的发放期至 2026-12-31，超出 296 天，属应退未退，请停发并追回。',
    );
  });

  it('does not fire for a period ending on the day of death, fires for one ending the day after', () => {
    expect(
      findingsFor({
        statuses: [death('2026-03-10')],
        benefits: [grant({ program: 'DIBAO', start: '2026-03-01', end: '2026-03-10' })],
      }),
    ).toEqual([]);
    const findings = findingsFor({
      statuses: [death('2026-03-10')],
      benefits: [grant({ program: 'DIBAO', start: '2026-03-01', end: '2026-03-11' })],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].explanation).toContain('超出 1 天');
  });

  it('allows a county’s grace days', () => {
    const monthly = { ...rule, graceDays: 30 };
    expect(
      findingsFor(
        {
          statuses: [death('2026-03-10')],
          benefits: [grant({ program: 'DIBAO', start: '2026-03-01', end: '2026-04-09' })],
        },
        monthly,
      ),
    ).toEqual([]);
    expect(
      findingsFor(
        {
          statuses: [death('2026-03-10')],
          benefits: [grant({ program: 'DIBAO', start: '2026-03-01', end: '2026-04-10' })],
        },
        monthly,
      ),
    ).toHaveLength(1);
  });

  it('does not look at another member’s death', () => {
    const subject = household(
      'H-1',
      person('P-1', { benefits: [grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' })] }),
      person('P-2', { statuses: [death('2026-03-10')] }),
    );
    expect(evaluateWith(rule, subject, NOW).findings).toEqual([]);
  });

  it('resolves when the grant is revoked from the day after death', () => {
    const dibao = grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' });
    expect(
      findingsFor({
        statuses: [death('2026-03-10')],
        benefits: [{ ...dibao, period: { start: '2026-01-01', end: '2026-03-10' } }],
      }),
    ).toEqual([]);
  });

  it('uses the earliest of two death reports and keeps the alert id when the second arrives', () => {
    const benefits = [grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' })];
    const one = findingsFor({ statuses: [death('2026-03-12', '/330502/civil-affairs/status')], benefits });
    const two = findingsFor({
      statuses: [death('2026-03-12', '/330502/civil-affairs/status'), death('2026-03-10')],
      benefits,
    });
    expect(two[0].explanation).toContain('已于 2026-03-10 死亡');
    expect(two[0].alertId).toBe(one[0].alertId);
  });

  it('ignores a death report withdrawn as wrong and programs the contract does not know', () => {
    const withdrawn = { ...death('2026-03-10'), validTo: '2026-03-09' };
    expect(
      findingsFor({
        statuses: [withdrawn],
        benefits: [grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' })],
      }),
    ).toEqual([]);
    expect(
      findingsFor({
        statuses: [death('2026-03-10')],
        benefits: [grant({ program: 'COUNTY_HEATING', start: '2026-01-01', end: '2026-12-31' })],
      }),
    ).toEqual([]);
  });

  it('says what to recover: the grant’s share for every day after death (追回)', () => {
    const findings = findingsFor({
      statuses: [death('2026-03-10')],
      benefits: [
        grant({ program: 'DIBAO', benefitId: 'DB-1', start: '2026-01-01', end: '2026-12-31', amountFen: 365_000 }),
      ],
    });
    // 296 of 365 days: 3,650.00 × 296 ÷ 365 = 2,960.00.
    expect(findings[0].overpayment).toMatchObject({
      totalFen: 296_000,
      grants: [{ benefitId: 'DB-1', dueFen: 296_000 }],
    });
    expect(findings[0].overpayment!.basis).toContain('死亡（2026-03-10）后2026-03-11至2026-12-31共296天');
  });
});
