import { SameCauseRule } from '@hub/rules';
import { after, evaluateWith, grant, household, person, ruleOf, status } from '../testing/timeline-fixtures';

const rule = ruleOf<SameCauseRule>('dup.same-cause');
const NOW = after('2026-12-31');
const stay = (outOfPocketFen: number, admissionRef = 'HOSP-7781') =>
  status({
    status: 'HOSPITALIZED',
    from: '2026-03-01',
    to: '2026-03-20',
    attributes: { outOfPocketFen, admissionRef },
    source: '/330502/health/hospital',
  });

function findingsFor(f: Parameters<typeof person>[1], r: SameCauseRule = rule) {
  return evaluateWith(r, household('H-1', person('P-1', f)), NOW).findings;
}

describe('dup.same-cause (template same-cause)', () => {
  const medical = (amountFen: number) =>
    grant({ program: 'MEDICAL_ASSIST', benefitId: 'YB-1', start: '2026-03-25', amountFen, causeRef: 'HOSP-7781' });
  const charity = (amountFen: number) =>
    grant({ program: 'CHARITY_MEDICAL', benefitId: 'CS-1', start: '2026-04-02', amountFen, causeRef: 'HOSP-7781' });

  it('fires when grants for one admission add up to more than its recorded out-of-pocket cost', () => {
    const findings = findingsFor({ statuses: [stay(800_000)], benefits: [medical(500_000), charity(400_000)] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: rule.id, severity: 'MEDIUM', personId: 'P-1', dueAt: null });
    expect(findings[0].evidence.map((e) => e.statusId ?? e.benefitId)).toEqual([
      'HOSPITALIZED-2026-03-01',
      'CS-1',
      'YB-1',
    ]);
    expect(findings[0].explanation).toBe(
      '王*明 因同一事由（HOSP-7781）获得 2 笔救助（医疗救助、慈善医疗救助），合计 9,000.00 元，超过登记的个人自付费用 8,000.00 元，可能重复救助，请核实。',
    );
  });

  it('does not fire for grants equal to or under the recorded cost', () => {
    expect(findingsFor({ statuses: [stay(800_000)], benefits: [medical(500_000), charity(300_000)] })).toEqual([]);
    expect(findingsFor({ statuses: [stay(800_000)], benefits: [medical(400_000), charity(300_000)] })).toEqual([]);
  });

  it('allows the configured tolerance above the cost', () => {
    const tolerant = { ...rule, toleranceFen: 100_000 };
    expect(
      findingsFor({ statuses: [stay(800_000)], benefits: [medical(500_000), charity(400_000)] }, tolerant),
    ).toEqual([]);
    expect(
      findingsFor({ statuses: [stay(800_000)], benefits: [medical(500_000), charity(400_001)] }, tolerant),
    ).toHaveLength(1);
  });

  it('does not call one grant above the cost a duplicate', () => {
    expect(findingsFor({ statuses: [stay(100_000)], benefits: [medical(500_000)] })).toEqual([]);
  });

  it('without a recorded cost, fires for two grants of the same program for one incident', () => {
    const benefits = [
      grant({
        program: 'TEMPORARY',
        benefitId: 'LS-1',
        start: '2026-07-11',
        amountFen: 200_000,
        causeRef: 'FIRE-0711',
      }),
      grant({
        program: 'TEMPORARY',
        benefitId: 'LS-2',
        source: '/330503/civil-affairs/temporary',
        start: '2026-07-15',
        amountFen: 150_000,
        causeRef: 'FIRE-0711',
      }),
      grant({
        program: 'CHARITY_EMERGENCY',
        benefitId: 'CE-1',
        start: '2026-07-12',
        amountFen: 50_000,
        causeRef: 'FIRE-0711',
      }),
    ];
    const findings = findingsFor({ benefits });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.map((e) => e.benefitId)).toEqual(['LS-1', 'LS-2']);
    expect(findings[0].explanation).toBe(
      '王*明 因同一事由（FIRE-0711）获得 2 笔临时救助，合计 3,500.00 元，且无登记费用可供比对，可能重复救助，请核实。',
    );
    expect(findingsFor({ benefits }, { ...rule, withoutRecordedCost: 'NO_FINDING' })).toEqual([]);
  });

  it('without a recorded cost, does not fire for different programs for one incident', () => {
    expect(
      findingsFor({
        benefits: [
          grant({ program: 'TEMPORARY', start: '2026-07-11', causeRef: 'FIRE-0711' }),
          grant({ program: 'CHARITY_EMERGENCY', start: '2026-07-12', causeRef: 'FIRE-0711' }),
        ],
      }),
    ).toEqual([]);
  });

  it('does not count a grant paid to another household member', () => {
    const subject = household(
      'H-1',
      person('P-1', { statuses: [stay(800_000)], benefits: [medical(500_000)] }),
      person('P-2', { benefits: [charity(400_000)] }),
    );
    expect(evaluateWith(rule, subject, NOW).findings).toEqual([]);
  });

  it('does not take another member’s recorded cost as the person’s own', () => {
    const subject = household(
      'H-1',
      person('P-1', { benefits: [medical(500_000), charity(400_000)] }),
      person('P-2', { statuses: [stay(100_000)] }),
    );
    // P-1 has no recorded cost, and the two grants are of different programs: nothing.
    expect(evaluateWith(rule, subject, NOW).findings).toEqual([]);
  });

  it('resolves when one of the grants is revoked from its first day', () => {
    const revoked = { ...charity(400_000), period: { start: '2026-04-02', end: '2026-04-01' } };
    expect(findingsFor({ statuses: [stay(800_000)], benefits: [medical(500_000), revoked] })).toEqual([]);
  });

  it('reads an amount sent as decimal text', () => {
    expect(
      findingsFor({
        statuses: [
          status({
            status: 'HOSPITALIZED',
            from: '2026-03-01',
            attributes: { outOfPocketFen: '800000', admissionRef: 'HOSP-7781' },
          }),
        ],
        benefits: [medical(500_000), charity(400_000)],
      }),
    ).toHaveLength(1);
  });

  it('charges the excess over the recorded cost to the last grant (追回); without a cost, no amount is claimed', () => {
    const [withCost] = findingsFor({ statuses: [stay(800_000)], benefits: [medical(500_000), charity(400_000)] });
    expect(withCost.overpayment).toMatchObject({ totalFen: 100_000, grants: [{ benefitId: 'CS-1', dueFen: 100_000 }] });
    const twice = [medical(500_000), { ...medical(500_000), benefitId: 'YB-2' }];
    const [withoutCost] = findingsFor({ benefits: twice });
    expect(withoutCost.overpayment).toBeUndefined();
  });
});
