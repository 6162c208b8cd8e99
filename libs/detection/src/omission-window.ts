import { RuleDefinition, dateOfDayNumber, endOfCountyDay, formatCountyInstant } from '@hub/rules';
import { Finding } from './finding';
import { RuleOutcome, outcomeOf } from './rule-outcome';

/** One omission obligation: who, and the county day whose end closes the window. */
export interface OmissionWindow {
  rule: RuleDefinition;
  alertId: string;
  personId: string | null;
  householdId: string | null;
  /** Last day of the window, inclusive: "30 days from D" closes at the end of D + 30. */
  closeDay: number;
}

/** The window's close as alerts carry it in dueAt: 2026-03-31T23:59:59.999+08:00. */
export function dueAtOf(closeDay: number): string {
  return formatCountyInstant(endOfCountyDay(dateOfDayNumber(closeDay)));
}

/**
 * The one decision every omission shares. Required assistance present, on time or late → fulfilled
 * (an alert raised earlier resolves FULFILLED). Otherwise, while event time has not passed the close
 * → pending (a department that is merely slow causes no alert); past it → a finding.
 */
export function judgeOmission(window: OmissionWindow, fulfilled: boolean, now: Date, finding: (dueAt: string) => Finding): RuleOutcome {
  if (fulfilled) return outcomeOf({ fulfilled: [window.alertId] });
  const dueAt = dueAtOf(window.closeDay);
  if (now.getTime() <= endOfCountyDay(dateOfDayNumber(window.closeDay)).getTime()) {
    return outcomeOf({ pending: [{ alertId: window.alertId, ruleId: window.rule.id, personId: window.personId, householdId: window.householdId, dueAt }] });
  }
  return outcomeOf({ findings: [finding(dueAt)] });
}
