import { Finding, HouseholdTimeline, RuleEvaluation } from '@hub/detection';
import { formatCountyInstant, instantMillis } from '@hub/rules';
import { AlertStatus, UNRESOLVED_ALERT_STATUSES } from '@hub/views';

/**
 * What settling a cycle's evaluations does to the alerts, decided without I/O: AlertBook reads the alerts
 * concerned, asks `planSettlement`, and applies the plan with SQL in the same transaction.
 */

export type { AlertStatus } from '@hub/views';
/** Statuses a finding can still be resolved from. */
export const UNRESOLVED: readonly AlertStatus[] = UNRESOLVED_ALERT_STATUSES;

export interface HouseholdEvaluation {
  householdKey: string;
  evaluation: RuleEvaluation;
  /**
   * HELD while a review pair of the household is open and younger than the hold span: its omissions are neither
   * raised nor retracted. UNSETTLED once the span has passed with the pair still open: omissions become PROVISIONAL.
   */
  identity?: { state: 'HELD' | 'UNSETTLED'; heldUntil: Date };
  /** Event time of each fact of the household, by its evidence (`evidenceKey`): what a finding rests on happened then. */
  factTimes?: Map<string, number>;
}

export interface SettleCounts {
  raised: number;
  provisional: number;
  fulfilled: number;
  retracted: number;
  held: number;
}

/** Where event time stands for this cycle. */
export interface SettleClock {
  /** The hub's event time; null while it cannot be established (partitions still held back). */
  now: Date | null;
  /** The latest event time the detector has stored from any partition; null before the first event. */
  latestEventTime: Date | null;
}

/** A row of detector_due: evaluate the household again once event time passes `due_at`. */
export interface DueRow {
  household_key: string;
  alert_id: string;
  due_at: Date | string;
}

/** An alert as stored, as far as settling needs it. */
export interface StoredAlert {
  alertId: string;
  status: string;
  householdKey: string;
}

interface FoundFinding {
  finding: Finding;
  householdKey: string;
  provisional: boolean;
  /** When it is stamped as detected: event time, or before there is any, the time of its evidence; null: unknown. */
  detectedAt: Date | null;
}

/** The findings of a cycle sorted by what they ask for, before the stored alerts are read. */
export interface SortedFindings {
  found: Map<string, FoundFinding>;
  fulfilled: Set<string>;
  /** Omissions of a household with an open review pair: neither raised nor retracted. */
  held: Set<string>;
  holdEnds: DueRow[];
  householdKeys: string[];
}

export type AlertChange =
  /** A new alert, OPEN or PROVISIONAL, with its history row. */
  | {
      kind: 'raise';
      alertId: string;
      finding: Finding;
      householdKey: string;
      provisional: boolean;
      raised: Finding & { detectedAt: string };
      at: Date;
    }
  /** A PROVISIONAL alert whose identity is settled and whose finding stands: OPEN, raised once. */
  | {
      kind: 'confirm';
      alertId: string;
      finding: Finding;
      householdKey: string;
      raised: Finding & { detectedAt: string };
      at: Date;
    }
  /** The same finding seen from another household (a member moved, persons merged). */
  | { kind: 'move'; alertId: string; householdKey: string; personId: string | null; householdId: string | null };

export interface AlertResolutionStep {
  alertId: string;
  resolution: 'FULFILLED' | 'RETRACTED';
  reason: string;
}

export interface SettlePlan {
  changes: AlertChange[];
  resolutions: AlertResolutionStep[];
  /** When the resolutions happen (event time, or the latest stored before there is any). */
  resolvedAt: Date | null;
  /** Households whose due rows are replaced by `due`. */
  householdKeys: string[];
  due: DueRow[];
  counts: SettleCounts;
}

export const FULFILLED_REASON = '所需救助已发放';
export const RETRACTED_REASON = '依据的记录已撤销或人员关联已变更';
/**
 * Due at once: a change that has no known time waits in detector_due for the first cycle with event time
 * (which evaluates every household due at or before it). Never reached while facts carry event times.
 */
export const WHEN_EVENT_TIME_IS_KNOWN = new Date(0).toISOString();

/** The key of a fact's (or a finding's) evidence: the event it came from. */
export const evidenceKey = (e: { source: string; eventId: string }): string => `${e.source}|${e.eventId}`;

/** Event time of each fact of a household, by evidence key (a grant's, an assertion's, an application's or a referral's last milestone). */
export function factEventTimes(household: HouseholdTimeline): Map<string, number> {
  const times = new Map<string, number>();
  const note = (evidence: { source: string; eventId: string }, ...instants: (string | null)[]) => {
    for (const instant of instants) {
      if (!instant) continue;
      const key = evidenceKey(evidence);
      const ms = instantMillis(instant);
      if (!times.has(key) || times.get(key)! < ms) times.set(key, ms);
    }
  };
  for (const m of household.members) {
    for (const b of m.benefits) note(b.evidence, b.grantedAt);
    for (const s of m.statuses) note(s.evidence, s.assertedAt);
    for (const a of m.applications) {
      note(a.evidence, a.receivedAt, a.verifiedAt, a.decidedAt);
      for (const r of a.referrals) note(r.evidence, r.referredAt, r.decidedAt);
    }
  }
  return times;
}

/** The latest event time of the facts a finding rests on; null when none of them is known. */
export function evidenceTime(finding: Finding, factTimes: Map<string, number> | undefined): Date | null {
  const times = finding.evidence.flatMap((e) => {
    const t = factTimes?.get(evidenceKey(e));
    return t === undefined ? [] : [t];
  });
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Sorts the evaluations: findings to raise (or keep), omissions held for a review pair, fulfilled ids. A
 * finding is stamped with event time; before event time is established (the first events of an empty hub,
 * partitions still held back) with the event time of its evidence: never the epoch, never the wall clock.
 */
export function sortFindings(evaluated: HouseholdEvaluation[], clock: SettleClock): SortedFindings {
  const sorted: SortedFindings = {
    found: new Map(),
    fulfilled: new Set(),
    held: new Set(),
    holdEnds: [],
    householdKeys: evaluated.map((h) => h.householdKey),
  };
  for (const h of evaluated) {
    for (const f of h.evaluation.findings) {
      if (h.identity?.state === 'HELD' && f.kind === 'OMISSION') {
        sorted.held.add(f.alertId);
        sorted.holdEnds.push({ household_key: h.householdKey, alert_id: f.alertId, due_at: h.identity.heldUntil });
      } else {
        const provisional = h.identity?.state === 'UNSETTLED' && f.kind === 'OMISSION';
        sorted.found.set(f.alertId, {
          finding: f,
          householdKey: h.householdKey,
          provisional,
          detectedAt: clock.now ?? evidenceTime(f, h.factTimes) ?? clock.latestEventTime,
        });
      }
    }
    for (const id of h.evaluation.fulfilled) sorted.fulfilled.add(id);
  }
  return sorted;
}

/**
 * Compares what the rules find now with the alerts stored for the households evaluated: a new finding is
 * raised (once: an alert id is never raised twice); a PROVISIONAL one whose identity is settled is raised
 * for real; an unresolved alert whose omission was filled resolves FULFILLED (one raised late is raised and
 * filled in the same cycle when the hub learns of both at once); one no longer found in a household
 * evaluated, RETRACTED. Open omission windows and review holds become the households' due rows.
 */
export function planSettlement(
  evaluated: HouseholdEvaluation[],
  sorted: SortedFindings,
  stored: StoredAlert[],
  clock: SettleClock,
): SettlePlan {
  const counts: SettleCounts = { raised: 0, provisional: 0, fulfilled: 0, retracted: 0, held: sorted.held.size };
  const known = new Map(stored.map((a) => [a.alertId, a]));
  const changes: AlertChange[] = [];
  const waiting: DueRow[] = [];
  const raisedNow: string[] = [];
  for (const [alertId, { finding, householdKey, provisional, detectedAt }] of sorted.found) {
    const before = known.get(alertId);
    const confirm = before?.status === 'PROVISIONAL' && !provisional;
    if ((!before || confirm) && !detectedAt) {
      waiting.push({ household_key: householdKey, alert_id: alertId, due_at: WHEN_EVENT_TIME_IS_KNOWN });
    } else if (!before) {
      changes.push({
        kind: 'raise',
        alertId,
        finding,
        householdKey,
        provisional,
        raised: { ...finding, detectedAt: formatCountyInstant(detectedAt!) },
        at: detectedAt!,
      });
      raisedNow.push(alertId);
      if (provisional) counts.provisional++;
      else counts.raised++;
    } else if (confirm) {
      changes.push({
        kind: 'confirm',
        alertId,
        finding,
        householdKey,
        raised: { ...finding, detectedAt: formatCountyInstant(detectedAt!) },
        at: detectedAt!,
      });
      counts.raised++;
    } else if (before.householdKey !== householdKey) {
      changes.push({
        kind: 'move',
        alertId,
        householdKey,
        personId: finding.personId,
        householdId: finding.householdId,
      });
    }
  }
  const resolvedAt = clock.now ?? clock.latestEventTime;
  const resolutions: AlertResolutionStep[] = [];
  const evaluatedKeys = new Set(sorted.householdKeys);
  const open = new Set([
    ...stored.filter((a) => UNRESOLVED.includes(a.status as AlertStatus)).map((a) => a.alertId),
    ...raisedNow,
  ]);
  for (const alertId of open) {
    const householdKey = sorted.found.get(alertId)?.householdKey ?? known.get(alertId)!.householdKey;
    let step: AlertResolutionStep | undefined;
    if (sorted.fulfilled.has(alertId)) step = { alertId, resolution: 'FULFILLED', reason: FULFILLED_REASON };
    else if (!sorted.found.has(alertId) && !sorted.held.has(alertId) && evaluatedKeys.has(householdKey))
      step = { alertId, resolution: 'RETRACTED', reason: RETRACTED_REASON };
    if (!step) continue;
    if (!resolvedAt) {
      waiting.push({ household_key: householdKey, alert_id: alertId, due_at: WHEN_EVENT_TIME_IS_KNOWN });
      continue;
    }
    resolutions.push(step);
    if (step.resolution === 'FULFILLED') counts.fulfilled++;
    else counts.retracted++;
  }
  const pending = evaluated.flatMap((h) =>
    h.evaluation.pending.map((p): DueRow => ({ household_key: h.householdKey, alert_id: p.alertId, due_at: p.dueAt })),
  );
  return {
    changes,
    resolutions,
    resolvedAt,
    householdKeys: sorted.householdKeys,
    due: [...pending, ...sorted.holdEnds, ...waiting],
    counts,
  };
}
