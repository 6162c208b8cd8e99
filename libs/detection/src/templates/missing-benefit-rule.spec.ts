import { MissingBenefitRule } from '@hub/rules';
import { after, endOf, evaluateWith, grant, household, person, ruleOf, status } from '../testing/timeline-fixtures';
import { HouseholdTimeline } from '../timeline';

const dibao = (from: string, to: string | null = null) => status({ status: 'DIBAO_MEMBER', from, to });

describe('omit.insurance-subsidy (missing-benefit, COVERING_WINDOW_END)', () => {
  const rule = ruleOf<MissingBenefitRule>('omit.insurance-subsidy');
  // 低保 from D = 2026-03-01: the subsidy must be in force on D + 30 = 2026-03-31.
  const alone = (f: Parameters<typeof person>[1]) => household('H-1', person('P-1', f));

  it('is pending until the window closes, and a finding after', () => {
    const subject = alone({ statuses: [dibao('2026-03-01')] });
    const pending = evaluateWith(rule, subject, endOf('2026-03-31'));
    expect(pending.findings).toEqual([]);
    expect(pending.pending).toEqual([
      {
        alertId: expect.stringMatching(/^A-/),
        ruleId: rule.id,
        personId: 'P-1',
        householdId: 'H-1',
        dueAt: '2026-03-31T23:59:59.999+08:00',
      },
    ]);
    const due = evaluateWith(rule, subject, after('2026-03-31'));
    expect(due.pending).toEqual([]);
    expect(due.findings).toHaveLength(1);
    expect(due.findings[0]).toMatchObject({
      alertId: pending.pending[0].alertId,
      kind: 'OMISSION',
      personId: 'P-1',
      dueAt: '2026-03-31T23:59:59.999+08:00',
    });
    expect(due.findings[0].evidence.map((e) => e.statusId)).toEqual(['DIBAO_MEMBER-2026-03-01']);
    expect(due.findings[0].explanation).toBe(
      '王*明 自 2026-03-01 起为低保对象，截至 2026-03-31（30 天）仍无有效的资助参保，可能应保未保，请核实并办理。',
    );
  });

  it('is not fulfilled by a subsidy that ran out on day 29 of 30', () => {
    const subject = alone({
      statuses: [dibao('2026-03-01')],
      benefits: [grant({ program: 'INSURANCE_SUBSIDY', start: '2025-04-01', end: '2026-03-30' })],
    });
    expect(evaluateWith(rule, subject, after('2026-03-31')).findings).toHaveLength(1);
  });

  it('is fulfilled by a subsidy in force on day 30', () => {
    const subject = alone({
      statuses: [dibao('2026-03-01')],
      benefits: [grant({ program: 'INSURANCE_SUBSIDY', start: '2026-03-31', end: '2026-12-31' })],
    });
    const result = evaluateWith(rule, subject, after('2026-03-31'));
    expect(result.findings).toEqual([]);
    expect(result.fulfilled).toHaveLength(1);
  });

  it('moves the alert to fulfilled when the subsidy arrives after the close', () => {
    const before = evaluateWith(rule, alone({ statuses: [dibao('2026-03-01')] }), after('2026-04-30'));
    const late = alone({
      statuses: [dibao('2026-03-01')],
      benefits: [grant({ program: 'INSURANCE_SUBSIDY', start: '2026-05-01', end: '2026-12-31' })],
    });
    const result = evaluateWith(rule, late, after('2026-05-01'));
    // Late: the omission happened (it stays a finding, so a replay raises it too) and is filled.
    expect(result.findings.map((f) => f.alertId)).toEqual([before.findings[0].alertId]);
    expect(result.fulfilled).toEqual([before.findings[0].alertId]);
  });

  it('raises the finding again when the fulfilling subsidy is revoked before day 30', () => {
    const subsidy = grant({ program: 'INSURANCE_SUBSIDY', start: '2026-03-05', end: '2026-12-31' });
    expect(
      evaluateWith(rule, alone({ statuses: [dibao('2026-03-01')], benefits: [subsidy] }), after('2026-03-31')).findings,
    ).toEqual([]);
    const revoked = { ...subsidy, period: { start: '2026-03-05', end: '2026-03-20' } };
    expect(
      evaluateWith(rule, alone({ statuses: [dibao('2026-03-01')], benefits: [revoked] }), after('2026-03-31')).findings,
    ).toHaveLength(1);
  });

  it('does not count a subsidy paid to another household member', () => {
    const subject = household(
      'H-1',
      person('P-1', { statuses: [dibao('2026-03-01')] }),
      person('P-2', { benefits: [grant({ program: 'INSURANCE_SUBSIDY', start: '2026-01-01', end: '2026-12-31' })] }),
    );
    expect(evaluateWith(rule, subject, after('2026-03-31')).findings.map((f) => f.personId)).toEqual(['P-1']);
  });

  it('owes nothing when 低保 ended before the window closed', () => {
    const result = evaluateWith(rule, alone({ statuses: [dibao('2026-03-01', '2026-03-20')] }), after('2026-03-31'));
    expect(result).toMatchObject({ findings: [], pending: [], fulfilled: [] });
  });

  it('keeps one window when 低保 turns into 特困 without a gap, and opens a new one after a gap', () => {
    const seamless = alone({
      statuses: [dibao('2026-03-01', '2026-03-15'), status({ status: 'TEKUN', from: '2026-03-16' })],
    });
    const one = evaluateWith(rule, seamless, after('2026-12-31')).findings;
    expect(one).toHaveLength(1);
    expect(one[0].explanation).toContain('自 2026-03-01 起为低保对象');
    const reentry = alone({ statuses: [dibao('2026-01-01', '2026-04-30'), dibao('2026-08-01')] });
    expect(evaluateWith(rule, reentry, after('2026-12-31')).findings.map((f) => f.dueAt)).toEqual(
      expect.arrayContaining(['2026-01-31T23:59:59.999+08:00', '2026-08-31T23:59:59.999+08:00']),
    );
  });

  it('ignores status codes the contract does not know', () => {
    expect(
      evaluateWith(rule, alone({ statuses: [status({ status: 'DIBAO', from: '2026-03-01' })] }), after('2026-12-31')),
    ).toMatchObject({ findings: [], pending: [] });
  });
});

describe('omit.education (missing-benefit, household branch)', () => {
  const rule = ruleOf<MissingBenefitRule>('omit.education');
  const student = (stage: string, from = '2026-03-01') =>
    status({ status: 'STUDENT', from, attributes: { stage }, source: '/330502/education/enrolment' });

  it('opens the window on the day student and 低保 both held', () => {
    const subject = household('H-1', person('P-1', { statuses: [student('COMPULSORY'), dibao('2026-04-10')] }));
    const result = evaluateWith(rule, subject, after('2026-06-09'));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].dueAt).toBe('2026-06-09T23:59:59.999+08:00');
    expect(result.findings[0].explanation).toBe(
      '王*明（在读学生）自 2026-04-10 起为低保对象，60 天内（至 2026-06-09）未获教育救助或慈善助学，可能遗漏教育救助，请核实。',
    );
    expect(evaluateWith(rule, subject, endOf('2026-06-09')).pending).toHaveLength(1);
  });

  it('fires for a student in a 低保 household, and a grant to the parent does not count', () => {
    const subject = household(
      'H-1',
      person('P-1', { name: '王*明', statuses: [student('HIGH_SCHOOL')] }),
      person('P-2', {
        name: '李*芳',
        statuses: [dibao('2026-01-01')],
        benefits: [grant({ program: 'EDUCATION_ASSIST', start: '2026-03-10' })],
      }),
    );
    const findings = evaluateWith(rule, subject, after('2026-04-30')).findings;
    expect(findings.map((f) => f.personId)).toEqual(['P-1']);
    expect(findings[0].explanation).toContain('自 2026-03-01 起为低保对象的家庭成员');
    expect(findings[0].evidence.map((e) => e.statusId)).toEqual(['STUDENT-2026-03-01', 'DIBAO_MEMBER-2026-01-01']);
  });

  it('fires for an orphan, not for a preschool child, and is fulfilled by 慈善助学 to the student', () => {
    const orphan = household(
      'H-1',
      person('P-1', { statuses: [student('VOCATIONAL'), status({ status: 'ORPHAN', from: '2020-05-01' })] }),
    );
    expect(evaluateWith(rule, orphan, after('2026-04-30')).findings).toHaveLength(1);
    const preschool = household('H-1', person('P-1', { statuses: [student('PRESCHOOL'), dibao('2026-01-01')] }));
    expect(evaluateWith(rule, preschool, after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
      fulfilled: [],
    });
    const helped = household(
      'H-1',
      person('P-1', {
        statuses: [student('HIGHER'), dibao('2026-01-01')],
        benefits: [grant({ program: 'CHARITY_EDUCATION', start: '2026-04-15' })],
      }),
    );
    expect(evaluateWith(rule, helped, after('2026-12-31'))).toMatchObject({
      findings: [],
      fulfilled: [expect.any(String)],
    });
  });
});

describe('omit.housing (missing-benefit)', () => {
  const rule = ruleOf<MissingBenefitRule>('omit.housing');
  const difficulty = status({ status: 'HOUSING_DIFFICULTY', from: '2026-02-01', source: '/330502/housing/survey' });

  it('fires 90 days after housing difficulty and 特困 both held, and not without either', () => {
    const subject = household(
      'H-1',
      person('P-1', { statuses: [difficulty, status({ status: 'TEKUN', from: '2026-01-01' })] }),
    );
    const findings = evaluateWith(rule, subject, after('2026-05-02')).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].explanation).toBe(
      '王*明 为特困人员且住房困难，自 2026-02-01 起 90 天内（至 2026-05-02）未获公租房配租、住房租赁补贴或危房改造，可能遗漏住房救助，请核实。',
    );
    expect(
      evaluateWith(rule, household('H-1', person('P-1', { statuses: [difficulty] })), after('2026-12-31')).findings,
    ).toEqual([]);
  });

  it('is fulfilled by a rent subsidy', () => {
    const subject = household(
      'H-1',
      person('P-1', {
        statuses: [difficulty, dibao('2026-01-01')],
        benefits: [grant({ program: 'RENT_SUBSIDY', start: '2026-04-01', end: '2026-12-31' })],
      }),
    );
    expect(evaluateWith(rule, subject, after('2026-12-31'))).toMatchObject({
      findings: [],
      fulfilled: [expect.any(String)],
    });
  });
});

describe('omit.disaster (missing-benefit, STATUS_VALID_FROM)', () => {
  const rule = ruleOf<MissingBenefitRule>('omit.disaster');
  const affected = (houseDamage: string, to: string | null = null) =>
    status({
      status: 'DISASTER_AFFECTED',
      from: '2026-07-10',
      to,
      attributes: { disasterId: 'FLOOD-2026-07', houseDamage },
    });
  const alone = (f: Parameters<typeof person>[1]): HouseholdTimeline => household('H-1', person('P-1', f));

  it('fires when no relief came within 1 day of the collapse', () => {
    expect(evaluateWith(rule, alone({ statuses: [affected('COLLAPSED')] }), endOf('2026-07-11')).pending[0].dueAt).toBe(
      '2026-07-11T23:59:59.999+08:00',
    );
    const findings = evaluateWith(rule, alone({ statuses: [affected('COLLAPSED')] }), after('2026-07-11')).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'HIGH', dueAt: '2026-07-11T23:59:59.999+08:00' });
    expect(findings[0].explanation).toBe(
      '王*明 因灾房屋倒塌（2026-07-10 登记受灾），1 天内（至 2026-07-11）未获受灾人员救助，请立即核实并救助。',
    );
  });

  it('does not fire for a partly damaged house', () => {
    expect(evaluateWith(rule, alone({ statuses: [affected('PARTIAL')] }), after('2026-12-31'))).toMatchObject({
      findings: [],
      pending: [],
    });
  });

  it('is fulfilled by relief on the next day, late relief moves it to fulfilled, relief to a relative does not count', () => {
    const onTime = alone({
      statuses: [affected('COLLAPSED')],
      benefits: [grant({ program: 'DISASTER_RELIEF', start: '2026-07-11' })],
    });
    expect(evaluateWith(rule, onTime, after('2026-07-11'))).toMatchObject({
      findings: [],
      fulfilled: [expect.any(String)],
    });
    const raised = evaluateWith(rule, alone({ statuses: [affected('COLLAPSED')] }), after('2026-07-11')).findings[0];
    const late = alone({
      statuses: [affected('COLLAPSED')],
      benefits: [grant({ program: 'DISASTER_RELIEF', start: '2026-07-20' })],
    });
    expect(evaluateWith(rule, late, after('2026-07-20'))).toMatchObject({
      findings: [expect.objectContaining({ alertId: raised.alertId })],
      fulfilled: [raised.alertId],
    });
    const relative = household(
      'H-1',
      person('P-1', { statuses: [affected('COLLAPSED')] }),
      person('P-2', { benefits: [grant({ program: 'DISASTER_RELIEF', start: '2026-07-10' })] }),
    );
    expect(evaluateWith(rule, relative, after('2026-07-11')).findings.map((f) => f.alertId)).toEqual([raised.alertId]);
  });

  it('still owes relief when the affected status was closed on the same day', () => {
    expect(
      evaluateWith(rule, alone({ statuses: [affected('COLLAPSED', '2026-07-10')] }), after('2026-07-11')).findings,
    ).toHaveLength(1);
  });
});

describe('omit.major-illness (missing-benefit, STATUS_VALID_FROM with a money threshold)', () => {
  const rule = ruleOf<MissingBenefitRule>('omit.major-illness');
  const stay = (outOfPocketFen: number, from = '2026-05-01', to: string | null = '2026-05-20') =>
    status({
      status: 'HOSPITALIZED',
      from,
      to,
      attributes: { outOfPocketFen, admissionRef: `HOSP-${from}` },
      source: '/330502/health/hospital',
    });
  const alone = (f: Parameters<typeof person>[1]): HouseholdTimeline => household('H-1', person('P-1', f));

  it('fires for a 低保 person with 6,000 yuan out of pocket and no medical aid in 30 days', () => {
    const findings = evaluateWith(
      rule,
      alone({ statuses: [stay(600_000), dibao('2025-01-01')] }),
      after('2026-05-31'),
    ).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.map((e) => e.statusId)).toEqual(['HOSPITALIZED-2026-05-01', 'DIBAO_MEMBER-2025-01-01']);
    expect(findings[0].explanation).toBe(
      '王*明（低保对象）于 2026-05-01 住院，个人自付 6,000.00 元，30 天内（至 2026-05-31）未获医疗救助、临时救助或慈善医疗救助，可能遗漏医疗救助，请核实。',
    );
  });

  it('does not fire below the threshold, nor for someone without a qualifying status', () => {
    expect(
      evaluateWith(rule, alone({ statuses: [stay(599_999), dibao('2025-01-01')] }), after('2026-12-31')).findings,
    ).toEqual([]);
    expect(
      evaluateWith(
        rule,
        alone({
          statuses: [stay(900_000), status({ status: 'DISABLED', from: '2020-01-01', attributes: { level: 2 } })],
        }),
        after('2026-12-31'),
      ).findings,
    ).toEqual([]);
  });

  it('fires for 低保边缘, and for someone put on 低保 during the window, not after it', () => {
    const marginal = alone({
      statuses: [stay(700_000), status({ status: 'LOW_INCOME_MARGINAL', from: '2026-01-01' })],
    });
    expect(evaluateWith(rule, marginal, after('2026-05-31')).findings[0].explanation).toContain('（低保边缘对象）');
    expect(
      evaluateWith(
        rule,
        alone({ statuses: [stay(700_000, '2026-05-01', null), dibao('2026-05-10')] }),
        after('2026-05-31'),
      ).findings,
    ).toHaveLength(1);
    expect(
      evaluateWith(
        rule,
        alone({ statuses: [stay(700_000, '2026-05-01', null), dibao('2026-06-10')] }),
        after('2026-12-31'),
      ).findings,
    ).toEqual([]);
  });

  it('raises one alert per hospital stay, each fulfilled only by aid from its own admission on', () => {
    const statuses = [
      stay(700_000, '2026-03-01', '2026-03-10'),
      stay(800_000, '2026-09-01', '2026-09-10'),
      dibao('2025-01-01'),
    ];
    const aid = grant({ program: 'MEDICAL_ASSIST', start: '2026-03-20' });
    const result = evaluateWith(rule, alone({ statuses, benefits: [aid] }), after('2026-12-31'));
    expect(result.fulfilled).toHaveLength(1);
    expect(result.findings.map((f) => f.explanation)).toEqual([
      expect.stringContaining('于 2026-09-01 住院，个人自付 8,000.00 元'),
    ]);
    expect(result.fulfilled[0]).not.toBe(result.findings[0].alertId);
  });

  it('moves the alert to fulfilled when 临时救助 arrives after the window', () => {
    const raised = evaluateWith(rule, alone({ statuses: [stay(600_000), dibao('2025-01-01')] }), after('2026-05-31'))
      .findings[0];
    const late = alone({
      statuses: [stay(600_000), dibao('2025-01-01')],
      benefits: [grant({ program: 'TEMPORARY', start: '2026-06-15' })],
    });
    expect(evaluateWith(rule, late, after('2026-06-15'))).toMatchObject({
      findings: [expect.objectContaining({ alertId: raised.alertId })],
      fulfilled: [raised.alertId],
    });
  });
});

describe('omit.festival-price-subsidy (missing-benefit, ON_DATE: 春节前一次性物价补贴, disabled by default)', () => {
  // 低保 or 特困 on 2027-01-20 → a PRICE_SUBSIDY paid from 2027-01-01 on, by 2027-02-05.
  const rule = { ...ruleOf<MissingBenefitRule>('omit.festival-price-subsidy'), enabled: true };
  const alone = (f: Parameters<typeof person>[1]) => household('H-1', person('P-1', f));
  const subsidy = (day: string) => grant({ program: 'PRICE_SUBSIDY', start: day, end: day });

  it('owes the subsidy to whoever is 低保 on the date: pending until the deadline, a finding after, dated by the rule', () => {
    const subject = alone({ statuses: [dibao('2026-06-01')] });
    expect(evaluateWith(rule, subject, endOf('2027-02-05')).pending).toHaveLength(1);
    const due = evaluateWith(rule, subject, after('2027-02-05'));
    expect(due.findings).toHaveLength(1);
    expect(due.findings[0]).toMatchObject({
      kind: 'OMISSION',
      personId: 'P-1',
      dueAt: '2027-02-05T23:59:59.999+08:00',
    });
    expect(due.findings[0].explanation).toBe(
      '王*明 于 2027-01-20 为低保对象，截至 2027-02-05 未获春节前一次性物价补贴，可能遗漏，请核实并发放。',
    );
  });

  it("takes a payment made ahead of the date, from paidFromDate on, but not last year's", () => {
    expect(
      evaluateWith(
        rule,
        alone({ statuses: [dibao('2026-06-01')], benefits: [subsidy('2027-01-08')] }),
        after('2027-02-05'),
      ).findings,
    ).toEqual([]);
    expect(
      evaluateWith(
        rule,
        alone({ statuses: [dibao('2026-06-01')], benefits: [subsidy('2026-01-20')] }),
        after('2027-02-05'),
      ).findings,
    ).toHaveLength(1);
  });

  it('owes nothing to a person who was not 低保 on the date, and still owes it to one who left 低保 after it', () => {
    expect(evaluateWith(rule, alone({ statuses: [dibao('2027-01-21')] }), after('2027-02-05'))).toMatchObject({
      findings: [],
      pending: [],
    });
    expect(
      evaluateWith(rule, alone({ statuses: [dibao('2026-06-01', '2027-01-25')] }), after('2027-02-05')).findings,
    ).toHaveLength(1);
  });

  it("names next year's payment by another alert id (the date is part of it)", () => {
    const subject = alone({ statuses: [dibao('2026-06-01')] });
    const thisYear = evaluateWith(rule, subject, after('2027-02-05')).findings[0].alertId;
    const nextYear = evaluateWith(
      { ...rule, onDate: '2028-01-10', paidFromDate: '2028-01-01', dueDate: '2028-01-25', windowDays: 15 },
      subject,
      after('2028-01-25'),
    ).findings[0].alertId;
    expect(nextYear).not.toBe(thisYear);
  });
});

describe('omit.tekun-support (missing-benefit: 特困 应养尽养, disabled by default)', () => {
  const rule = { ...ruleOf<MissingBenefitRule>('omit.tekun-support'), enabled: true };
  const alone = (f: Parameters<typeof person>[1]) => household('H-1', person('P-1', f));
  const tekun = status({ status: 'TEKUN', from: '2026-05-01' });

  it('raises an omission when a 特困 person has no 特困供养 within 30 days, and none when it was granted', () => {
    const missing = evaluateWith(rule, alone({ statuses: [tekun] }), after('2026-05-31'));
    expect(missing.findings).toHaveLength(1);
    expect(missing.findings[0].explanation).toBe(
      '王*明 自 2026-05-01 起认定为特困人员，30 天内（至 2026-05-31）未获特困供养，未做到应养尽养，请核实。',
    );
    const supported = alone({
      statuses: [tekun],
      benefits: [grant({ program: 'TEKUN_SUPPORT', start: '2026-05-10', end: '2026-12-31' })],
    });
    expect(evaluateWith(rule, supported, after('2026-05-31')).findings).toEqual([]);
  });
});
