import { RuleDefinition, explanationPlaceholders, explanationWithoutCostPlaceholders } from '@hub/rules';
import { evaluateHousehold } from './evaluate-household';
import {
  CALENDAR,
  DEFAULT_PACK,
  after,
  application,
  grant,
  household,
  packWith,
  person,
  referral,
  shuffled,
  status,
} from './testing/timeline-fixtures';
import { HouseholdTimeline } from './timeline';

/** One 低保 household in which every rule of the default pack has something to say during 2026. */
function county(): HouseholdTimeline {
  return household(
    'MZ-H-8812',
    person('P-1', {
      name: '李*芳',
      role: 'HEAD',
      statuses: [
        status({ status: 'DIBAO_MEMBER', from: '2026-03-01' }),
        status({ status: 'HOUSING_DIFFICULTY', from: '2026-02-01', source: '/330502/housing/survey' }),
        status({
          status: 'HOSPITALIZED',
          from: '2026-05-01',
          to: '2026-05-12',
          attributes: { outOfPocketFen: 700_000, admissionRef: 'HOSP-1' },
          source: '/330502/health/hospital',
        }),
        status({ status: 'COUNTY_VETERAN', from: '2020-01-01' }),
      ],
      benefits: [
        grant({
          program: 'DIBAO',
          source: '/330502/civil-affairs/dibao',
          benefitId: 'MZ-1',
          start: '2026-03-01',
          end: '2026-12-31',
        }),
        grant({
          program: 'DIBAO',
          source: '/330503/civil-affairs/dibao',
          benefitId: 'MZ-1',
          start: '2026-06-01',
          end: '2026-12-31',
        }),
        grant({ program: 'TEKUN_SUPPORT', benefitId: 'TK-1', start: '2026-07-01', end: '2026-12-31' }),
        grant({ program: 'COUNTY_HEATING', benefitId: 'X-1', start: '2026-01-01', end: '2026-12-31' }),
      ],
      applications: [
        // Referred to health on Monday 03-09 and never decided (omit.referral-sla, contract v1.1 §8).
        application({
          applicationId: 'JJ-1',
          receivedAt: '2026-03-06T15:00:00+08:00',
          referrals: [referral({ toDepartment: 'health', referredAt: '2026-03-09T10:00:00+08:00' })],
        }),
        application({
          applicationId: 'JJ-2',
          receivedAt: '2026-02-13T10:00:00+08:00',
          verifiedAt: '2026-02-24T16:00:00+08:00',
        }),
      ],
    }),
    person('P-2', {
      name: '王*明',
      role: 'CHILD',
      statuses: [
        status({
          status: 'UNEMPLOYED',
          from: '2026-03-10',
          attributes: { ableToWork: true },
          source: '/330502/human-resources/unemployment',
        }),
        status({
          status: 'DISASTER_AFFECTED',
          from: '2026-07-10',
          attributes: { disasterId: 'FLOOD-7', houseDamage: 'COLLAPSED' },
        }),
      ],
      benefits: [
        grant({ program: 'TEMPORARY', benefitId: 'LS-1', start: '2026-08-01', amountFen: 200_000, causeRef: 'FIRE-1' }),
        grant({ program: 'TEMPORARY', benefitId: 'LS-2', start: '2026-08-03', amountFen: 200_000, causeRef: 'FIRE-1' }),
      ],
    }),
    person('P-3', {
      name: '王*丽',
      role: 'CHILD',
      statuses: [
        status({
          status: 'STUDENT',
          from: '2026-03-01',
          attributes: { stage: 'COMPULSORY' },
          source: '/330502/education/enrolment',
        }),
      ],
    }),
    person('P-4', {
      name: '王*国',
      role: 'PARENT',
      statuses: [
        status({ status: 'DECEASED', from: '2026-04-01', source: '/330502/health/death' }),
        status({
          status: 'HOSPITALIZED',
          from: '2026-03-01',
          to: '2026-03-20',
          attributes: { outOfPocketFen: 100_000, admissionRef: 'HOSP-9' },
          source: '/330502/health/hospital',
        }),
      ],
      benefits: [
        grant({ program: 'DISABILITY_SUBSIDY', benefitId: 'CJ-1', start: '2026-01-01', end: '2026-12-31' }),
        grant({
          program: 'MEDICAL_ASSIST',
          benefitId: 'YB-9',
          start: '2026-03-25',
          amountFen: 80_000,
          causeRef: 'HOSP-9',
        }),
        grant({
          program: 'CHARITY_MEDICAL',
          benefitId: 'CS-9',
          start: '2026-03-28',
          amountFen: 50_000,
          causeRef: 'HOSP-9',
        }),
      ],
    }),
  );
}

const YEAR_END = after('2026-12-31');
const enabledRuleIds = DEFAULT_PACK.rules
  .filter((r) => r.enabled)
  .map((r) => r.id)
  .sort();

describe('evaluateHousehold over the default rule pack', () => {
  it('finds something for every rule of the default pack', () => {
    const result = evaluateHousehold(DEFAULT_PACK, CALENDAR, county(), YEAR_END);
    expect([...new Set(result.findings.map((f) => f.ruleId))].sort()).toEqual(enabledRuleIds);
    expect(result.pending).toEqual([]);
    expect(result.fulfilled).toHaveLength(1); // JJ-2, verified on 02-24, the day 春节 made it due
    expect(result.skipped).toEqual([]);
  });

  it('sorts findings by rule and alert id, one per alert id', () => {
    const { findings } = evaluateHousehold(DEFAULT_PACK, CALENDAR, county(), YEAR_END);
    const keys = findings.map((f) => `${f.ruleId} ${f.alertId}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(findings.map((f) => f.alertId)).size).toBe(findings.length);
  });

  it('gives the same result whatever order members and facts are in', () => {
    const expected = evaluateHousehold(DEFAULT_PACK, CALENDAR, county(), YEAR_END);
    for (let seed = 1; seed <= 25; seed++) {
      expect(evaluateHousehold(DEFAULT_PACK, CALENDAR, shuffled(county(), seed), YEAR_END)).toEqual(expected);
    }
  });

  it('gives identical output when evaluated twice, and leaves its input untouched', () => {
    const subject = deepFreeze(county());
    const first = evaluateHousehold(DEFAULT_PACK, CALENDAR, subject, YEAR_END);
    expect(evaluateHousehold(DEFAULT_PACK, CALENDAR, subject, YEAR_END)).toEqual(first);
  });

  it('keeps alert ids when the matcher renumbers persons', () => {
    const renumbered = county();
    renumbered.members.forEach((m, i) => (m.personId = `P-NEW-${i}`));
    const ids = (h: HouseholdTimeline) =>
      evaluateHousehold(DEFAULT_PACK, CALENDAR, h, YEAR_END)
        .findings.map((f) => f.alertId)
        .sort();
    expect(ids(renumbered)).toEqual(ids(county()));
  });

  it('reports omissions as pending before their windows close and as findings with the same ids after', () => {
    // The same facts seen from 2026-03-09: every omission window is still open (some not even begun).
    const early = evaluateHousehold(DEFAULT_PACK, CALENDAR, county(), after('2026-03-09'));
    expect(early.pending.map((p) => p.ruleId).sort()).toEqual(enabledRuleIds.filter((id) => id.startsWith('omit.')));
    expect(early.findings.filter((f) => f.kind === 'OMISSION')).toEqual([]);
    const late = evaluateHousehold(DEFAULT_PACK, CALENDAR, county(), YEAR_END);
    const omissionIds = late.findings.filter((f) => f.kind === 'OMISSION').map((f) => f.alertId);
    expect(omissionIds.sort()).toEqual(early.pending.map((p) => p.alertId).sort());
    expect(late.findings.find((f) => f.ruleId === 'omit.insurance-subsidy')?.dueAt).toBe(
      early.pending.find((p) => p.ruleId === 'omit.insurance-subsidy')?.dueAt,
    );
  });

  it('runs only enabled rules', () => {
    const pack = {
      ...DEFAULT_PACK,
      rules: DEFAULT_PACK.rules.map((r) => (r.id === 'dup.after-death' ? { ...r, enabled: false } : r)),
    };
    const ruleIds = evaluateHousehold(pack, CALENDAR, county(), YEAR_END).findings.map((f) => f.ruleId);
    expect(ruleIds).not.toContain('dup.after-death');
    expect(ruleIds).toContain('dup.exclusive-programs');
  });

  it('fires nothing on program and status codes the contract does not know', () => {
    const strangers = household(
      'H-9',
      person('P-9', {
        statuses: [
          status({ status: 'COUNTY_VETERAN', from: '2026-01-01' }),
          status({ status: 'dibao_member', from: '2026-01-01' }),
        ],
        benefits: [
          grant({ program: 'COUNTY_HEATING', benefitId: 'X-1', start: '2026-01-01', end: '2026-12-31' }),
          grant({ program: 'COUNTY_HEATING', benefitId: 'X-2', start: '2026-01-01', end: '2026-12-31' }),
        ],
        applications: [
          application({ applicationId: 'Q-1', program: 'COUNTY_HEATING', receivedAt: '2026-03-06T10:00:00+08:00' }),
        ],
      }),
    );
    expect(evaluateHousehold(DEFAULT_PACK, CALENDAR, strangers, YEAR_END)).toEqual({
      findings: [],
      pending: [],
      fulfilled: [],
      skipped: [],
    });
  });

  it('fills every placeholder each rule can fill, so a county may use any of them', () => {
    const everyPlaceholder = (names: readonly string[]) => names.map((n) => `${n}={${n}}`).join('|');
    const rules: RuleDefinition[] = DEFAULT_PACK.rules.map((r) => ({
      ...r,
      explanation: everyPlaceholder(explanationPlaceholders(r)),
      ...(r.template === 'same-cause'
        ? { explanationWithoutCost: everyPlaceholder(explanationWithoutCostPlaceholders()) }
        : {}),
    }));
    const { findings } = evaluateHousehold(packWith(...rules), CALENDAR, county(), YEAR_END);
    expect(new Set(findings.map((f) => f.ruleId)).size).toBe(enabledRuleIds.length);
    for (const finding of findings) expect(finding.explanation).not.toMatch(/[{}]|=\||=$|undefined|NaN/);
    const sameCause = findings.filter((f) => f.ruleId === 'dup.same-cause').map((f) => f.explanation);
    expect(sameCause).toEqual(
      expect.arrayContaining([
        expect.stringContaining('costYuan=1,000.00'),
        expect.stringContaining('program=临时救助'),
      ]),
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
