import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { DEFAULT_CALENDAR_FILE, WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DEFAULT_RULE_PACK_FILE, loadRulePack } from './load-rule-pack';
import { RulePackError } from './rule-pack-error';
import { MissingBenefitRule } from './rule-definitions';

const CONTRACT_RULE_IDS = [
  'dup.same-program-overlap',
  'dup.exclusive-programs',
  'dup.same-cause',
  'dup.after-death',
  'omit.insurance-subsidy',
  'omit.education',
  'omit.employment',
  'omit.housing',
  'omit.disaster',
  'omit.major-illness',
  'omit.application-sla',
  // Contract v1.1 §8.
  'omit.referral-sla',
];

const workDir = mkdtempSync(path.join(tmpdir(), 'rule-pack-'));
let written = 0;

function writePack(text: string): string {
  const file = path.join(workDir, `county-${++written}.yaml`);
  writeFileSync(file, text);
  return file;
}

type RuleBody = Record<string, unknown>;
interface PackBody {
  calendar: string;
  eventTime: Record<string, unknown>;
  rules: RuleBody[];
}

/** The default pack, changed by `change`, written to a temp file whose calendar still resolves. */
function packWith(change: (pack: PackBody, rule: (id: string) => RuleBody) => void): string {
  const pack = parseYaml(readFileSync(DEFAULT_RULE_PACK_FILE, 'utf8')) as PackBody;
  pack.calendar = DEFAULT_CALENDAR_FILE;
  change(pack, (id) => pack.rules.find((r) => r.id === id) as RuleBody);
  return writePack(stringifyYaml(pack));
}

function problemsOf(file: string): string[] {
  try {
    loadRulePack(file);
  } catch (e) {
    expect(e).toBeInstanceOf(RulePackError);
    return (e as RulePackError).message.split('\n');
  }
  throw new Error('expected the rule pack to be refused');
}

function problemsAfter(change: Parameters<typeof packWith>[0]): string[] {
  const file = packWith(change);
  return problemsOf(file).map((line) => line.replace(`rules file ${file}: `, ''));
}

describe('the shipped default rule pack', () => {
  const pack = loadRulePack();

  it('holds the 11 rules of contract §7 and omit.referral-sla of §8, all enabled, and the district policies and the standards rule a county may enable, disabled', () => {
    expect(pack.rules.filter((r) => r.enabled).map((r) => r.id)).toEqual(CONTRACT_RULE_IDS);
    expect(pack.rules.filter((r) => !r.enabled).map((r) => r.id)).toEqual([
      'omit.festival-price-subsidy',
      'omit.tekun-support',
      'dup.above-standard',
    ]);
    expect(pack.file).toBe(path.relative(process.cwd(), DEFAULT_RULE_PACK_FILE));
  });

  it('reads an ON_DATE window: the dates, windowDays from them, and refuses them out of order or mixed with windowDays', () => {
    const festival = pack.rules.find((r) => r.id === 'omit.festival-price-subsidy') as MissingBenefitRule;
    expect(festival).toMatchObject({
      windowStart: 'ON_DATE',
      onDate: '2027-01-20',
      paidFromDate: '2027-01-01',
      dueDate: '2027-02-05',
      windowDays: 16,
    });
    const broken = readFileSync(DEFAULT_RULE_PACK_FILE, 'utf8')
      .replace('dueDate: 2027-02-05', 'dueDate: 2027-01-10\n    windowDays: 30')
      .replace('paidFromDate: 2027-01-01', 'paidFromDate: 2027-02-01')
      // The calendar is named relative to the pack: the copy names the default one.
      .replace(/^calendar: .*$/m, `calendar: ${DEFAULT_CALENDAR_FILE}`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rules-')), 'pack.yaml');
    writeFileSync(file, broken);
    expect(() => loadRulePack(file)).toThrow(
      /windowDays does not apply with windowStart ON_DATE[\s\S]*dueDate is before onDate 2027-01-20[\s\S]*paidFromDate is after onDate/,
    );
  });

  it('sends duplicates to alerts.duplicate and omissions to alerts.omission', () => {
    for (const rule of pack.rules) {
      expect([rule.id, rule.kind, rule.topic]).toEqual(
        rule.id.startsWith('dup.')
          ? [rule.id, 'DUPLICATE', 'alerts.duplicate']
          : [rule.id, 'OMISSION', 'alerts.omission'],
      );
    }
  });

  it('has the contract thresholds and the household scope where a rule needs it', () => {
    const rule = (id: string) => pack.rules.find((r) => r.id === id)!;
    expect(rule('omit.major-illness')).toMatchObject({
      template: 'missing-benefit',
      attributeConditions: [{ status: 'HOSPITALIZED', attribute: 'outOfPocketFen', op: '>=', value: 600000 }],
      windowDays: 30,
    });
    expect(rule('omit.disaster')).toMatchObject({
      windowDays: 1,
      windowStart: 'STATUS_VALID_FROM',
      windowStartStatus: 'DISASTER_AFFECTED',
    });
    expect(rule('omit.insurance-subsidy')).toMatchObject({ windowDays: 30, fulfilment: 'COVERING_WINDOW_END' });
    expect(rule('omit.application-sla')).toMatchObject({
      windowStart: 'RECEIVED',
      windowWorkingDays: 2,
      fulfilledBy: ['VERIFIED'],
    });
    expect(rule('omit.referral-sla')).toMatchObject({
      template: 'application-sla',
      windowStart: 'REFERRED',
      windowWorkingDays: 5,
      fulfilledBy: ['DECIDED'],
    });
    expect(rule('dup.exclusive-programs')).toMatchObject({ exclusivePairs: [['DIBAO', 'TEKUN_SUPPORT']] });
    expect(pack.rules.filter((r) => r.scope === 'HOUSEHOLD').map((r) => r.id)).toEqual([
      'omit.education',
      'omit.employment',
    ]);
  });

  it('carries the event-time settings and a calendar that loads', () => {
    expect(pack.eventTime).toEqual({ idleSpanMinutes: 60, wallClockAdvance: false });
    expect(pack.calendarFile).toBe(DEFAULT_CALENDAR_FILE);
    expect(WorkingDayCalendar.load(pack.calendarFile).isWorkingDay('2026-02-14')).toBe(true);
  });
});

describe('rule pack errors name the rule and the field', () => {
  it('a wrong type', () => {
    const file = packWith((_, rule) => {
      rule('omit.disaster').windowDays = 'x';
    });
    expect(problemsOf(file)).toEqual([
      `rules file ${file}: rule omit.disaster: windowDays must be an integer >= 0 (got "x")`,
    ]);
  });

  it('a missing field', () => {
    expect(
      problemsAfter((_, rule) => {
        delete rule('omit.housing').windowDays;
      }),
    ).toEqual(['rule omit.housing: windowDays is missing (an integer >= 0)']);
  });

  it('an unknown template', () => {
    expect(
      problemsAfter((_, rule) => {
        rule('dup.same-cause').template = 'sum-above-cost';
      }),
    ).toEqual([
      'rule dup.same-cause: template must be one of overlap, exclusive, same-cause, after-death, outside-standard, missing-benefit, household-employment, application-sla (got "sum-above-cost")',
    ]);
  });

  it('a program or status code outside the contract catalogues', () => {
    expect(
      problemsAfter((_, rule) => {
        (rule('omit.housing').requiredProgramsAny as string[]).push('HOUSING_VOUCHER');
        (rule('omit.major-illness').statusesAny as string[])[2] = 'POOR';
      }),
    ).toEqual([
      'rule omit.housing: requiredProgramsAny[3] "HOUSING_VOUCHER" is not a program code of contract §5',
      'rule omit.major-illness: statusesAny[2] "POOR" is not a status code of contract §5',
    ]);
  });

  it('a rule id used twice', () => {
    expect(
      problemsAfter((_, rule) => {
        rule('omit.housing').id = 'omit.education';
      }),
    ).toEqual(['rule omit.education: id omit.education is used twice (rules[5] and rules[7])']);
  });

  it('a placeholder the rule cannot fill', () => {
    const problems = problemsAfter((_, rule) => {
      rule('omit.disaster').explanation = '{name} 自付 {outOfPocketYuan} 元';
      rule('dup.same-cause').explanationWithoutCost = '{name} 超过 {costYuan} 元';
      rule('omit.housing').explanation = '{name} 至 {dueAt';
    });
    expect(problems).toEqual([
      'rule dup.same-cause: explanationWithoutCost has placeholder {costYuan} this rule cannot fill (it can fill {name} {idNumberMasked} {causeRef} {program} {count} {totalYuan})',
      'rule omit.housing: explanation has a brace that is not part of a {placeholder}',
      'rule omit.disaster: explanation has placeholder {outOfPocketYuan} this rule cannot fill (it can fill {name} {idNumberMasked} {statuses} {programs} {start} {dueAt} {days} {houseDamage})',
    ]);
  });

  it('an attribute condition the contract does not allow', () => {
    expect(
      problemsAfter((_, rule) => {
        rule('omit.education').attributeConditions = [
          { status: 'STUDENT', attribute: 'stage', op: 'in', value: ['COMPULSORY', 'UNIVERSITY'] },
        ];
        rule('omit.disaster').attributeConditions = [
          { status: 'DISASTER_AFFECTED', attribute: 'houseDamage', op: '>=', value: 'PARTIAL' },
        ];
        rule('omit.major-illness').attributeConditions = [
          { status: 'HOSPITALIZED', attribute: 'costFen', op: '>=', value: 600000 },
        ];
        rule('omit.housing').attributeConditions = [
          { status: 'STUDENT', attribute: 'stage', op: '=', value: 'HIGHER' },
        ];
      }),
    ).toEqual([
      'rule omit.education: attributeConditions[0].value[1] must be one of PRESCHOOL, COMPULSORY, HIGH_SCHOOL, VOCATIONAL, HIGHER for STUDENT.stage (got "UNIVERSITY")',
      'rule omit.housing: attributeConditions[0].status STUDENT is not in statusesAll or statusesAny, so the condition could never be checked',
      'rule omit.disaster: attributeConditions[0].op >= does not apply to DISASTER_AFFECTED.houseDamage (use =, !=, in)',
      'rule omit.major-illness: attributeConditions[0].attribute costFen is not an attribute of HOSPITALIZED (contract §5: outOfPocketFen, admissionRef)',
    ]);
  });

  it('kind, topic and scope that contradict the rule logic', () => {
    expect(
      problemsAfter((_, rule) => {
        rule('dup.after-death').kind = 'OMISSION';
        rule('omit.housing').topic = 'alerts.duplicate';
        rule('omit.employment').scope = 'PERSON';
        rule('omit.disaster').severity = 'URGENT';
      }),
    ).toEqual([
      'rule dup.after-death: kind must be DUPLICATE for template after-death (got "OMISSION")',
      'rule omit.employment: scope must be HOUSEHOLD: the rule looks at other household members (got "PERSON")',
      'rule omit.housing: topic must be alerts.omission for OMISSION alerts (contract §6; got "alerts.duplicate")',
      'rule omit.disaster: severity must be one of HIGH, MEDIUM, LOW (got "URGENT")',
    ]);
  });

  it('a misspelt field, and wrong global settings', () => {
    expect(
      problemsAfter((pack, rule) => {
        const disaster = rule('omit.disaster');
        disaster.windowDay = disaster.windowDays;
        delete disaster.windowDays;
        pack.eventTime.idleSpanMinutes = 0;
        pack.eventTime.wallClockAdvance = 'yes';
        pack.calendar = 'no-such-calendar.yaml';
      }),
    ).toEqual([
      'eventTime.idleSpanMinutes must be an integer >= 1 (got 0)',
      'eventTime.wallClockAdvance must be true or false (got "yes")',
      `calendar file no-such-calendar.yaml not found (resolved against the rules file's folder: ${path.join(workDir, 'no-such-calendar.yaml')})`,
      'rule omit.disaster: windowDays is missing (an integer >= 0)',
      'rule omit.disaster: windowDay is not a known field',
    ]);
  });

  it('template parameters that cannot work', () => {
    expect(
      problemsAfter((_, rule) => {
        rule('dup.exclusive-programs').exclusivePairs = [['DIBAO'], ['DIBAO', 'DIBAO'], ['DIBAO', 'WELFARE']];
        rule('dup.same-cause').recordedCost = {
          status: 'HOSPITALIZED',
          refAttribute: 'outOfPocketFen',
          amountAttribute: 'admissionRef',
        };
        rule('omit.employment').jobSeeker = { status: 'UNEMPLOYED', attribute: 'ableToWork', op: '=', value: 'yes' };
        rule('omit.housing').windowStartStatus = 'HOUSING_DIFFICULTY';
        rule('omit.application-sla').fulfilledBy = ['APPROVED'];
      }),
    ).toEqual([
      'rule dup.exclusive-programs: exclusivePairs[0] must be a pair [PROGRAM, PROGRAM] (got ["DIBAO"])',
      "rule dup.exclusive-programs: exclusivePairs[1] pairs DIBAO with itself; that is dup.same-program-overlap's job",
      'rule dup.exclusive-programs: exclusivePairs[2] "WELFARE" is not a program code of contract §5',
      'rule dup.same-cause: recordedCost.refAttribute outOfPocketFen is not a reference attribute of HOSPITALIZED (contract §5)',
      'rule dup.same-cause: recordedCost.amountAttribute admissionRef is not an amount in fen of HOSPITALIZED (contract §5)',
      'rule omit.employment: jobSeeker.value must be true or false for UNEMPLOYED.ableToWork (got "yes")',
      'rule omit.housing: windowStartStatus applies only with windowStart STATUS_VALID_FROM',
      'rule omit.application-sla: fulfilledBy[0] must be one of VERIFIED, DECIDED (got "APPROVED")',
    ]);
  });

  it('application-sla: windowStart RECEIVED when absent (a v1 pack), REFERRED answered by a decision only, placeholders per windowStart', () => {
    const pack = loadRulePack(
      packWith((_, rule) => {
        delete rule('omit.application-sla').windowStart;
      }),
    );
    expect(pack.rules.find((r) => r.id === 'omit.application-sla')).toMatchObject({ windowStart: 'RECEIVED' });
    expect(
      problemsAfter((_, rule) => {
        rule('omit.referral-sla').fulfilledBy = ['VERIFIED', 'DECIDED'];
        rule('omit.application-sla').explanation = '{name} {need}';
        rule('omit.application-sla').windowStart = 'DECIDED';
      }),
    ).toEqual([
      'rule omit.application-sla: windowStart must be one of RECEIVED, REFERRED (got "DECIDED")',
      'rule omit.application-sla: explanation has placeholder {need} this rule cannot fill (it can fill {name} {idNumberMasked} {applicationId} {program} {channel} {receivedAt} {dueAt} {days})',
      'rule omit.referral-sla: fulfilledBy can only be DECIDED with windowStart REFERRED: the receiving department answers a referral with its decision',
    ]);
  });

  it('collects every problem of the file in one error', () => {
    const problems = problemsAfter((_, rule) => {
      rule('omit.disaster').windowDays = -1;
      rule('omit.housing').severity = 'low';
      rule('dup.after-death').programs = [];
    });
    expect(problems).toEqual([
      'rule dup.after-death: programs must list at least 1 program code',
      'rule omit.housing: severity must be one of HIGH, MEDIUM, LOW (got "low")',
      'rule omit.disaster: windowDays must be an integer >= 0 (got -1)',
    ]);
  });

  it('names a rule without an id by its position', () => {
    expect(
      problemsAfter((pack) => {
        delete pack.rules[2].id;
      }),
    ).toEqual(['rules[2]: id is missing (text such as omit.housing)']);
  });

  it('refuses a file that is not YAML', () => {
    const file = writePack('rules: [unclosed');
    expect(problemsOf(file)[0]).toMatch(new RegExp(`^rules file ${file}: is not valid YAML`));
  });
});

describe('a county override', () => {
  it('loads with its own threshold, keeping the comments and layout of the default', () => {
    const text = readFileSync(DEFAULT_RULE_PACK_FILE, 'utf8')
      .replace('op: ">=", value: 600000 }', 'op: ">=", value: 300000 }')
      .replace('idleSpanMinutes: 60', 'idleSpanMinutes: 15')
      .replace('calendar: ../calendar/cn-2025-2027.yaml', `calendar: ${DEFAULT_CALENDAR_FILE}`);
    const pack = loadRulePack(writePack(text));
    expect(pack.rules.find((r) => r.id === 'omit.major-illness')).toMatchObject({
      attributeConditions: [{ value: 300000 }],
    });
    expect(pack.eventTime.idleSpanMinutes).toBe(15);
  });

  it('may switch a rule off and drop the SLA to one working day', () => {
    const pack = loadRulePack(
      packWith((_, rule) => {
        rule('omit.employment').enabled = false;
        rule('omit.application-sla').windowWorkingDays = 1;
      }),
    );
    expect(pack.rules.find((r) => r.id === 'omit.employment')!.enabled).toBe(false);
    expect(pack.rules.find((r) => r.id === 'omit.application-sla')).toMatchObject({ windowWorkingDays: 1 });
  });
});
