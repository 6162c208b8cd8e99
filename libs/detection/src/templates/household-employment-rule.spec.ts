import { HouseholdEmploymentRule } from '@hub/rules';
import { after, endOf, evaluateWith, grant, household, person, ruleOf, status } from '../testing/timeline-fixtures';
import { StatusFact } from '../timeline';

const rule = ruleOf<HouseholdEmploymentRule>('omit.employment');
const dibao = (from: string) => status({ status: 'DIBAO_MEMBER', from });
const unemployed = (from: string, ableToWork: boolean | 'unreported' = true, to: string | null = null) =>
  status({
    status: 'UNEMPLOYED',
    from,
    to,
    attributes: ableToWork === 'unreported' ? {} : { ableToWork },
    source: '/330502/human-resources/unemployment',
  });
const employed = (from: string, to: string | null = null) =>
  status({ status: 'EMPLOYED', from, to, source: '/330502/human-resources/employment' });

/** A 低保 household: mother (head) since 03-01, son out of work since 03-10, plus whatever a spec adds. */
function family(
  sonStatuses: StatusFact[] = [unemployed('2026-03-10')],
  extra: { fatherStatuses?: StatusFact[]; motherBenefits?: ReturnType<typeof grant>[]; role?: string | null } = {},
) {
  return household(
    'MZ-H-8812',
    person('P-1', {
      name: '李*芳',
      role: extra.role === undefined ? 'HEAD' : extra.role,
      statuses: [dibao('2026-03-01')],
      benefits: extra.motherBenefits ?? [],
    }),
    person('P-2', { name: '王*明', role: 'CHILD', statuses: [dibao('2026-03-01'), ...sonStatuses] }),
    ...(extra.fatherStatuses ? [person('P-3', { name: '王*国', role: 'SPOUSE', statuses: extra.fatherStatuses })] : []),
  );
}

describe('omit.employment (template household-employment)', () => {
  it('is pending for 30 days from the day the household had a job-seeker and nobody in work, then a household finding', () => {
    expect(evaluateWith(rule, family(), endOf('2026-04-09')).pending).toEqual([
      {
        alertId: expect.stringMatching(/^A-/),
        ruleId: rule.id,
        personId: null,
        householdId: 'MZ-H-8812',
        dueAt: '2026-04-09T23:59:59.999+08:00',
      },
    ]);
    const findings = evaluateWith(rule, family(), after('2026-04-09')).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'OMISSION',
      severity: 'LOW',
      personId: null,
      householdId: 'MZ-H-8812',
      subject: { name: '李*芳' },
    });
    expect(findings[0].explanation).toBe(
      '低保家庭（户号 MZ-H-8812）中 王*明 失业且有劳动能力，家庭无人就业，自 2026-03-10 起 30 天内（至 2026-04-09）无成员获得就业救助，可能遗漏就业救助，请核实。',
    );
  });

  it('gives nothing when nobody is able to work (or ableToWork was not reported)', () => {
    expect(evaluateWith(rule, family([unemployed('2026-03-10', false)]), after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
      fulfilled: [],
    });
    expect(evaluateWith(rule, family([unemployed('2026-03-10', 'unreported')]), after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
      fulfilled: [],
    });
  });

  it('gives nothing while one member is employed', () => {
    expect(
      evaluateWith(rule, family(undefined, { fatherStatuses: [employed('2025-01-01')] }), after('2026-12-31')),
    ).toMatchObject({ findings: [], pending: [], fulfilled: [] });
  });

  it('starts the window when the last job ended, and owes nothing when someone finds work within it', () => {
    const jobEnded = evaluateWith(
      rule,
      family(undefined, { fatherStatuses: [employed('2025-01-01', '2026-03-20')] }),
      after('2026-12-31'),
    ).findings;
    expect(jobEnded.map((f) => f.dueAt)).toEqual(['2026-04-20T23:59:59.999+08:00']);
    expect(
      evaluateWith(rule, family(undefined, { fatherStatuses: [employed('2026-03-25')] }), after('2026-12-31')).findings,
    ).toEqual([]);
  });

  it('is fulfilled by 就业救助 to any member of the household, late too', () => {
    const raised = evaluateWith(rule, family(), after('2026-04-09')).findings[0];
    const helped = family(undefined, {
      motherBenefits: [grant({ program: 'EMPLOYMENT_ASSIST', start: '2026-05-01' })],
    });
    expect(evaluateWith(rule, helped, after('2026-05-01'))).toMatchObject({
      findings: [expect.objectContaining({ alertId: raised.alertId })],
      fulfilled: [raised.alertId],
    });
  });

  it('does not fire outside a 低保 household', () => {
    const subject = household('H-2', person('P-1', { statuses: [unemployed('2026-03-10')] }));
    expect(evaluateWith(rule, subject, after('2026-12-31'))).toMatchObject({ findings: [], pending: [] });
  });

  it('names the first job-seeker when no member is known as head', () => {
    const findings = evaluateWith(rule, family(undefined, { role: null }), after('2026-04-09')).findings;
    expect(findings[0].subject.name).toBe('王*明');
  });

  it('names the person of a household of one in personId, since there is no household id', () => {
    const alone = household(null, person('P-9', { statuses: [dibao('2026-03-01'), unemployed('2026-03-01')] }));
    const findings = evaluateWith(rule, alone, after('2026-03-31')).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ personId: 'P-9', householdId: null });
    expect(findings[0].explanation).toContain('（户号 未登记）');
  });
});
