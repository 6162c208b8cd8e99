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
 * The one decision every omission shares, on event time only. `fulfilledAt` is the event time (ms) of
 * the earliest required assistance, or null when none has come:
 * - on time (at or before the close) → fulfilled, no alert;
 * - late → a finding and fulfilled: the omission happened (a live hub raised it at the close) and has
 *   been filled (it resolves FULFILLED at once), so a replay of last year gives last year's alerts
 *   even though it learns of the late assistance together with the omission;
 * - none, while event time has not passed the close → pending (a merely slow department causes no
 *   alert); past it → a finding.
 * `closesAt` defaults to the end of the window's last county day (the SLA rule brings its own).
 */
export function judgeOmission(
  window: OmissionWindow & { closesAt?: Date; dueAtText?: string },
  fulfilledAt: number | null,
  now: Date,
  finding: (dueAt: string) => Finding,
): RuleOutcome {
  const closesAt = window.closesAt ?? endOfCountyDay(dateOfDayNumber(window.closeDay));
  const dueAt = window.dueAtText ?? dueAtOf(window.closeDay);
  if (fulfilledAt !== null && fulfilledAt <= closesAt.getTime()) return outcomeOf({ fulfilled: [window.alertId] });
  if (fulfilledAt !== null) return outcomeOf({ findings: [finding(dueAt)], fulfilled: [window.alertId] });
  if (now.getTime() <= closesAt.getTime()) {
    return outcomeOf({
      pending: [
        {
          alertId: window.alertId,
          ruleId: window.rule.id,
          personId: window.personId,
          householdId: window.householdId,
          dueAt,
        },
      ],
    });
  }
  return outcomeOf({ findings: [finding(dueAt)] });
}

/** The earliest of some event times (RFC 3339), in ms; null for none. */
export function earliestAt(instants: string[]): number | null {
  return instants.length ? Math.min(...instants.map((t) => new Date(t).getTime())) : null;
}
