import { OutsideStandardRule, loadAssistanceStandards } from '@hub/rules';
import { evaluateHousehold } from '../evaluate-household';
import { after, grant, household, packWith, person, ruleOf } from '../testing/timeline-fixtures';
import { WorkingDayCalendar, loadRulePack } from '@hub/rules';

const rule = { ...ruleOf<OutsideStandardRule>('dup.above-standard'), enabled: true };
const STANDARDS = loadAssistanceStandards();
const CALENDAR = WorkingDayCalendar.load(loadRulePack().calendarFile);

function findingsFor(amountFen: number, start = '2026-01-01', end = '2026-12-31', r: OutsideStandardRule = rule) {
  const subject = household(
    'H-1',
    person('P-1', {
      benefits: [
        grant({ program: 'DIBAO', source: '/330502/civil-affairs/dibao', benefitId: 'DB-1', start, end, amountFen }),
      ],
    }),
  );
  return evaluateHousehold(packWith(r), CALENDAR, subject, after('2026-12-31'), STANDARDS).findings;
}

describe('dup.above-standard (template outside-standard, 统一救助标准)', () => {
  it('says nothing of a grant within the standard', () => {
    // 12,000.00 over the year is 986.30 a month, under 1,195.00.
    expect(findingsFor(1_200_000)).toEqual([]);
  });

  it('flags a grant above the standard, quoting it, and claims what is beyond it (追回)', () => {
    const [finding] = findingsFor(1_500_000);
    expect(finding).toMatchObject({ ruleId: 'dup.above-standard', kind: 'DUPLICATE', personId: 'P-1' });
    expect(finding.explanation).toBe(
      '王*明 的低保金（2026-01-01 至 2026-12-31，15,000.00 元）折合每月 1232.88 元（15000.00 元 × 30 ÷ 365 天），高于标准 1195.00 元/人·月（2026 年统一救助标准），请核实并追回超出部分。',
    );
    // Allowed: 1,195.00 × 365 ÷ 30 = 14,539.17; beyond it 460.83.
    expect(finding.overpayment).toMatchObject({ totalFen: 46_083, grants: [{ benefitId: 'DB-1', dueFen: 46_083 }] });
  });

  it('finds nothing without standards for the year, or when the county turns it off', () => {
    expect(findingsFor(1_500_000, '2027-01-01', '2027-12-31')).toEqual([]);
    expect(
      evaluateHousehold(
        packWith({ ...rule, enabled: false }),
        CALENDAR,
        household(
          'H-1',
          person('P-1', {
            benefits: [grant({ program: 'DIBAO', start: '2026-01-01', end: '2026-12-31', amountFen: 1_500_000 })],
          }),
        ),
        after('2026-12-31'),
        STANDARDS,
      ).findings,
    ).toEqual([]);
  });
});
