import { after, evaluateWith, grant, household, person, ruleOf } from '../testing/timeline-fixtures';

const rule = ruleOf('dup.same-program-overlap');
const NOW = after('2026-12-31');
const COUNTY_A = '/330502/civil-affairs/dibao';
const COUNTY_B = '/330503/civil-affairs/dibao';

function findingsFor(...benefits: ReturnType<typeof grant>[]) {
  return evaluateWith(rule, household('H-1', person('P-1', { benefits })), NOW).findings;
}

describe('dup.same-program-overlap (template overlap)', () => {
  it('fires for 低保金 from two counties at once, naming the overlap and both grants', () => {
    const findings = findingsFor(
      grant({ program: 'DIBAO', source: COUNTY_A, benefitId: 'MZ-1', start: '2026-01-01', end: '2026-12-31' }),
      grant({ program: 'DIBAO', source: COUNTY_B, benefitId: 'MZ-9', start: '2026-06-01', end: '2026-12-31' }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'DUPLICATE',
      ruleId: rule.id,
      severity: 'HIGH',
      personId: 'P-1',
      householdId: 'H-1',
      dueAt: null,
    });
    expect(findings[0].alertId).toMatch(/^A-[0-9a-f]{24}$/);
    expect(findings[0].evidence.map((e) => e.benefitId)).toEqual(['MZ-1', 'MZ-9']);
    expect(findings[0].explanation).toBe(
      `王*明 在 2026-06-01 至 2026-12-31 期间有两笔低保金同时发放（${COUNTY_A} MZ-1、${COUNTY_B} MZ-9），重叠 214 天，可能重复享受，请核实。`,
    );
  });

  it('does not fire for consecutive periods (one ends 03-31, the next starts 04-01)', () => {
    expect(
      findingsFor(
        grant({ program: 'DIBAO', source: COUNTY_A, start: '2026-01-01', end: '2026-03-31' }),
        grant({ program: 'DIBAO', source: COUNTY_B, start: '2026-04-01', end: '2026-06-30' }),
      ),
    ).toEqual([]);
  });

  it('counts a single shared day as an overlap (ends are inclusive)', () => {
    const findings = findingsFor(
      grant({ program: 'DIBAO', source: COUNTY_A, start: '2026-01-01', end: '2026-04-01' }),
      grant({ program: 'DIBAO', source: COUNTY_B, start: '2026-04-01', end: '2026-06-30' }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].explanation).toContain('重叠 1 天');
  });

  it('treats the same benefitId from two sources as two grants', () => {
    expect(
      findingsFor(
        grant({ program: 'DIBAO', source: COUNTY_A, benefitId: 'DB-7', start: '2026-01-01', end: '2026-12-31' }),
        grant({ program: 'DIBAO', source: COUNTY_B, benefitId: 'DB-7', start: '2026-01-01', end: '2026-12-31' }),
      ),
    ).toHaveLength(1);
  });

  it('treats the same benefitId from the same source as one grant (a correction)', () => {
    expect(
      findingsFor(
        grant({
          program: 'DIBAO',
          source: COUNTY_A,
          benefitId: 'DB-7',
          start: '2026-01-01',
          end: '2026-12-31',
          grantedAt: '2026-01-01T09:00:00+08:00',
        }),
        grant({
          program: 'DIBAO',
          source: COUNTY_A,
          benefitId: 'DB-7',
          start: '2026-02-01',
          end: '2026-12-31',
          grantedAt: '2026-02-01T09:00:00+08:00',
        }),
      ),
    ).toEqual([]);
  });

  it('ignores two programs overlapping, programs not listed, and codes the contract does not know', () => {
    expect(
      findingsFor(
        grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31' }),
        grant({ program: 'PRICE_SUBSIDY', start: '2026-01-01', end: '2026-12-31' }),
        grant({ program: 'TEMPORARY', benefitId: 'T-1', start: '2026-03-01' }),
        grant({ program: 'TEMPORARY', benefitId: 'T-2', start: '2026-03-01' }),
        grant({ program: 'COUNTY_HEATING', benefitId: 'X-1', start: '2026-01-01', end: '2026-12-31' }),
        grant({ program: 'COUNTY_HEATING', benefitId: 'X-2', start: '2026-01-01', end: '2026-12-31' }),
      ),
    ).toEqual([]);
  });

  it('does not pair a grant with one of another household member', () => {
    const subject = household(
      'H-1',
      person('P-1', {
        benefits: [grant({ program: 'DIBAO', source: COUNTY_A, start: '2026-01-01', end: '2026-12-31' })],
      }),
      person('P-2', {
        benefits: [grant({ program: 'DIBAO', source: COUNTY_B, start: '2026-01-01', end: '2026-12-31' })],
      }),
    );
    expect(evaluateWith(rule, subject, NOW).findings).toEqual([]);
  });

  it('resolves when a revocation cuts one grant before the other begins', () => {
    const first = grant({
      program: 'DIBAO',
      source: COUNTY_A,
      benefitId: 'MZ-1',
      start: '2026-01-01',
      end: '2026-12-31',
    });
    const second = grant({
      program: 'DIBAO',
      source: COUNTY_B,
      benefitId: 'MZ-9',
      start: '2026-06-01',
      end: '2026-12-31',
    });
    expect(findingsFor(first, second)).toHaveLength(1);
    // Revoked effective 2026-06-01: the period now ends 05-31.
    expect(findingsFor({ ...first, period: { start: '2026-01-01', end: '2026-05-31' } }, second)).toEqual([]);
    // Revoked effective on its first day: nothing of the grant counts.
    expect(findingsFor(first, { ...second, period: { start: '2026-06-01', end: '2026-05-31' } })).toEqual([]);
  });

  it('gives one alert per pair of grants, each with an id independent of the person id', () => {
    const benefits = [
      grant({ program: 'DIBAO', source: COUNTY_A, benefitId: 'MZ-1', start: '2026-01-01', end: '2026-12-31' }),
      grant({ program: 'DIBAO', source: COUNTY_B, benefitId: 'MZ-9', start: '2026-06-01', end: '2026-12-31' }),
      grant({
        program: 'DIBAO',
        source: '/330504/civil-affairs/dibao',
        benefitId: 'MZ-5',
        start: '2026-11-01',
        end: '2026-11-30',
      }),
    ];
    const ids = evaluateWith(rule, household('H-1', person('P-1', { benefits })), NOW).findings.map((f) => f.alertId);
    expect(new Set(ids).size).toBe(3);
    const renumbered = evaluateWith(rule, household('H-1', person('P-77', { benefits })), NOW).findings.map(
      (f) => f.alertId,
    );
    expect(renumbered).toEqual(ids);
  });

  it('charges the later grant for the overlapping days (追回)', () => {
    const findings = findingsFor(
      grant({
        program: 'DIBAO',
        source: COUNTY_A,
        benefitId: 'MZ-1',
        start: '2026-01-01',
        end: '2026-12-31',
        amountFen: 365_000,
      }),
      grant({
        program: 'DIBAO',
        source: COUNTY_B,
        benefitId: 'MZ-9',
        start: '2026-06-01',
        end: '2026-12-31',
        amountFen: 214_000,
      }),
    );
    expect(findings[0].overpayment).toMatchObject({
      totalFen: 214_000,
      grants: [{ source: COUNTY_B, benefitId: 'MZ-9', dueFen: 214_000 }],
    });
  });
});
