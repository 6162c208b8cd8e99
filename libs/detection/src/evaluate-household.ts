import { AssistanceStandard, RulePack, WorkingDayCalendar } from '@hub/rules';
import { compareText } from './alert-id';
import { Finding, PendingOmission, RuleEvaluation, SkippedOmission } from './finding';
import { evaluateRule } from './rule-dispatch';
import { mergeOutcomes } from './rule-outcome';
import { HouseholdTimeline } from './timeline';

/**
 * Every enabled rule of the pack over one household at event time `now` (contract §7: the latest event
 * time, never the wall clock). Pure: the same household and `now` give the same result, in the same
 * order, whatever order members and facts are listed in. An alert id found twice (a rule pack listing
 * an exclusive pair both ways) is reported once.
 */
export function evaluateHousehold(
  pack: RulePack,
  calendar: WorkingDayCalendar,
  household: HouseholdTimeline,
  now: Date,
  standards: readonly AssistanceStandard[] = [],
): RuleEvaluation {
  const context = { household, now, calendar, standards };
  const outcome = mergeOutcomes(pack.rules.filter((rule) => rule.enabled).map((rule) => evaluateRule(rule, context)));
  return {
    findings: oncePerAlert(outcome.findings),
    pending: oncePerAlert(outcome.pending),
    fulfilled: [...new Set(outcome.fulfilled)].sort(compareText),
    skipped: oncePerAlert(outcome.skipped),
  };
}

function oncePerAlert<T extends Finding | PendingOmission | SkippedOmission>(entries: T[]): T[] {
  const byAlert = new Map<string, T>();
  for (const entry of [...entries].sort(
    (a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.alertId, b.alertId),
  )) {
    if (!byAlert.has(entry.alertId)) byAlert.set(entry.alertId, entry);
  }
  return [...byAlert.values()];
}
