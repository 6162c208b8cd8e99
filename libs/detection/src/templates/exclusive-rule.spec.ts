import { ExclusiveRule } from '@hub/rules';
import { after, evaluateWith, grant, household, person, ruleOf } from '../testing/timeline-fixtures';

const rule = ruleOf<ExclusiveRule>('dup.exclusive-programs');
const NOW = after('2026-12-31');

function findingsFor(...benefits: ReturnType<typeof grant>[]) {
  return evaluateWith(rule, household('H-1', person('P-1', { benefits })), NOW).findings;
}

describe('dup.exclusive-programs (template exclusive)', () => {
  it('fires for 低保金 and 特困供养 held at once', () => {
    const findings = findingsFor(
      grant({ program: 'DIBAO', benefitId: 'DB-1', start: '2026-01-01', end: '2026-06-30' }),
      grant({ program: 'TEKUN_SUPPORT', benefitId: 'TK-1', start: '2026-06-01', end: '2026-12-31' }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: rule.id, kind: 'DUPLICATE', personId: 'P-1', dueAt: null });
    expect(findings[0].evidence.map((e) => e.benefitId)).toEqual(['DB-1', 'TK-1']);
    expect(findings[0].explanation).toBe(
      '王*明 在 2026-06-01 至 2026-06-30 期间同时享受低保金和特困供养（重叠 30 天），两者不得同时享受，请核实并停发其一。',
    );
  });

  it('does not fire when 特困供养 starts the day after 低保金 ends', () => {
    expect(
      findingsFor(
        grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-05-31' }),
        grant({ program: 'TEKUN_SUPPORT', start: '2026-06-01', end: '2026-12-31' }),
      ),
    ).toEqual([]);
  });

  it('does not pair one member’s 低保金 with another member’s 特困供养', () => {
    const subject = household(
      'H-1',
      person('P-1', { benefits: [grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' })] }),
      person('P-2', { benefits: [grant({ program: 'TEKUN_SUPPORT', start: '2026-01-01', end: '2026-12-31' })] }),
    );
    expect(evaluateWith(rule, subject, NOW).findings).toEqual([]);
  });

  it('resolves when the 低保金 is revoked from the day 特困供养 began', () => {
    const tekun = grant({ program: 'TEKUN_SUPPORT', start: '2026-06-01', end: '2026-12-31' });
    const dibao = grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' });
    expect(findingsFor(dibao, tekun)).toHaveLength(1);
    // Revocation effective 2026-06-01 cuts the period to 05-31 (timeline.ts).
    expect(findingsFor({ ...dibao, period: { start: '2026-01-01', end: '2026-05-31' } }, tekun)).toEqual([]);
  });

  it('reports a pair listed both ways once', () => {
    const both = {
      ...rule,
      exclusivePairs: [
        ['DIBAO', 'TEKUN_SUPPORT'],
        ['TEKUN_SUPPORT', 'DIBAO'],
      ] as [string, string][],
    };
    const subject = household(
      'H-1',
      person('P-1', {
        benefits: [
          grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' }),
          grant({ program: 'TEKUN_SUPPORT', start: '2026-01-01', end: '2026-12-31' }),
        ],
      }),
    );
    expect(evaluateWith(both, subject, NOW).findings).toHaveLength(1);
  });

  it('charges the program that began later for the days both ran (追回)', () => {
    const findings = findingsFor(
      grant({ program: 'DIBAO', benefitId: 'DB-1', start: '2026-01-01', end: '2026-06-30', amountFen: 181_000 }),
      grant({
        program: 'TEKUN_SUPPORT',
        benefitId: 'TK-1',
        start: '2026-06-01',
        end: '2026-12-31',
        amountFen: 214_000,
      }),
    );
    // 特困供养 began later: 30 of its 214 days, 2,140.00 × 30 ÷ 214 = 300.00.
    expect(findings[0].overpayment).toMatchObject({
      totalFen: 30_000,
      grants: [{ benefitId: 'TK-1', dueFen: 30_000 }],
    });
    expect(findings[0].overpayment!.basis).toContain('与低保金（DB-1）同时享受的2026-06-01至2026-06-30共30天');
  });
});
