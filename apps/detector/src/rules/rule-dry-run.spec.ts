import { RuleEvaluation } from '@hub/detection';
import { RulePack } from '@hub/rules';
import { dryRunReport } from './rule-dry-run';

const pack = {
  rules: [
    { id: 'omit.a', enabled: true },
    { id: 'omit.b', enabled: true },
    { id: 'omit.off', enabled: false },
  ],
} as unknown as RulePack;
const finding = (ruleId: string, alertId: string) =>
  ({ ruleId, alertId, explanation: `${alertId} 说明` }) as RuleEvaluation['findings'][number];
const evaluation = (findings: RuleEvaluation['findings'], pendingRules: string[] = []): RuleEvaluation => ({
  findings,
  fulfilled: [],
  pending: pendingRules.map((ruleId) => ({
    ruleId,
    alertId: `p-${ruleId}`,
    personId: 'P',
    householdId: null,
    dueAt: '',
  })),
});

describe('dryRunReport', () => {
  it('tells findings not raised yet from raised ones, counts open windows, and lists every enabled rule', () => {
    const report = dryRunReport(
      pack,
      [
        evaluation([finding('omit.a', 'A-1'), finding('omit.a', 'A-2')], ['omit.b']),
        evaluation([finding('omit.a', 'A-3'), finding('omit.a', 'A-4'), finding('omit.a', 'A-5')]),
      ],
      new Set(['A-2']),
      1,
    );
    expect(report).toEqual({
      households: 3,
      notEvaluated: 1,
      rules: [
        {
          ruleId: 'omit.a',
          wouldRaise: 4,
          alreadyRaised: 1,
          pending: 0,
          examples: ['A-1 说明', 'A-3 说明', 'A-4 说明'],
        },
        { ruleId: 'omit.b', wouldRaise: 0, alreadyRaised: 0, pending: 1, examples: [] },
      ],
    });
  });
});
