import { AssistanceStandard, WorkingDayCalendar } from '@hub/rules';
import { Finding, PendingOmission, RuleEvaluation, SkippedOmission } from './finding';
import { HouseholdTimeline } from './timeline';

/** What every template evaluator reads: one household at one event time. */
export interface EvaluationContext {
  household: HouseholdTimeline;
  /** Event time (contract §7), never the wall clock. */
  now: Date;
  calendar: WorkingDayCalendar;
  /** 统一救助标准 (template outside-standard); none: that template finds nothing. */
  standards?: readonly AssistanceStandard[];
}

/** What one rule says about one household; the dispatcher merges these into a RuleEvaluation. */
export type RuleOutcome = Required<RuleEvaluation>;

export function emptyOutcome(): RuleOutcome {
  return { findings: [], pending: [], fulfilled: [], skipped: [] };
}

export function outcomeOf(parts: {
  findings?: Finding[];
  pending?: PendingOmission[];
  fulfilled?: string[];
  skipped?: SkippedOmission[];
}): RuleOutcome {
  return { ...emptyOutcome(), ...parts };
}

export function mergeOutcomes(outcomes: readonly RuleOutcome[]): RuleOutcome {
  return {
    findings: outcomes.flatMap((o) => o.findings),
    pending: outcomes.flatMap((o) => o.pending),
    fulfilled: outcomes.flatMap((o) => o.fulfilled),
    skipped: outcomes.flatMap((o) => o.skipped),
  };
}
