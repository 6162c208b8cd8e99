import { EntityManager } from 'typeorm';
import { RuleEvaluation, evaluateHousehold } from '@hub/detection';
import { AssistanceStandard, RulePack, WorkingDayCalendar, loadAssistanceStandards } from '@hub/rules';
import { householdKeyOf } from '../facts/household-key';
import { TimelineReader } from '../facts/timeline-reader';

/** What a rule pack would do to the stored facts, rule by rule: nothing of it is stored or published. */
export interface DryRunRuleLine {
  ruleId: string;
  /** Findings the detector has not raised: what enabling or changing the pack would add. */
  wouldRaise: number;
  /** Findings already raised as alerts (any status). */
  alreadyRaised: number;
  /** Windows still open at the time of the run. */
  pending: number;
  /** A few explanations of what it would raise (masked names, as alerts carry them). */
  examples: string[];
}

export interface DryRunReport {
  households: number;
  notEvaluated: number;
  rules: DryRunRuleLine[];
}

const EXAMPLES = 3;

/** Pure: evaluations of households against the alerts already stored, counted by rule. */
export function dryRunReport(
  pack: RulePack,
  evaluations: RuleEvaluation[],
  raisedAlertIds: ReadonlySet<string>,
  notEvaluated = 0,
): DryRunReport {
  const lines = new Map<string, DryRunRuleLine>(
    pack.rules
      .filter((r) => r.enabled)
      .map((r) => [r.id, { ruleId: r.id, wouldRaise: 0, alreadyRaised: 0, pending: 0, examples: [] }]),
  );
  const lineOf = (ruleId: string) =>
    lines.get(ruleId) ??
    lines.set(ruleId, { ruleId, wouldRaise: 0, alreadyRaised: 0, pending: 0, examples: [] }).get(ruleId)!;
  for (const evaluation of evaluations) {
    for (const finding of evaluation.findings) {
      const line = lineOf(finding.ruleId);
      if (raisedAlertIds.has(finding.alertId)) {
        line.alreadyRaised++;
      } else {
        line.wouldRaise++;
        if (line.examples.length < EXAMPLES) line.examples.push(finding.explanation);
      }
    }
    for (const pending of evaluation.pending) lineOf(pending.ruleId).pending++;
  }
  return { households: evaluations.length + notEvaluated, notEvaluated, rules: [...lines.values()] };
}

/**
 * A rule pack over every household the detector knows, at `now` (a county date's end, or the present), read in
 * pages of persons; the alert table is read to tell new findings from raised ones. Reads only: a county tries a
 * changed or newly enabled rule on its real data before the detector runs it.
 */
export async function dryRunRulePack(
  db: EntityManager,
  pack: RulePack,
  calendar: WorkingDayCalendar,
  now: Date,
  progress: (householdsDone: number) => void = () => undefined,
  standards: readonly AssistanceStandard[] = loadAssistanceStandards(),
): Promise<DryRunReport> {
  const reader = new TimelineReader();
  const raised = new Set((await db.query<{ alert_id: string }[]>('SELECT alert_id FROM alert')).map((a) => a.alert_id));
  const evaluations: RuleEvaluation[] = [];
  const seen = new Set<string>();
  let notEvaluated = 0;
  for (let after = ''; ;) {
    const page: { person_id: string; household_id: string | null }[] = await db.query(
      'SELECT person_id, household_id FROM detector_person WHERE person_id > $1 ORDER BY person_id LIMIT 1000',
      [after],
    );
    if (page.length === 0) break;
    after = page[page.length - 1].person_id;
    const keys = [...new Set(page.map((p) => householdKeyOf(p.person_id, p.household_id)))].filter((k) => !seen.has(k));
    keys.forEach((k) => seen.add(k));
    for (const household of await reader.households(db, keys)) {
      try {
        evaluations.push(evaluateHousehold(pack, calendar, household, now, standards));
      } catch {
        notEvaluated++;
      }
    }
    progress(evaluations.length + notEvaluated);
  }
  return dryRunReport(pack, evaluations, raised, notEvaluated);
}
