import { ALERT_TYPES } from '@hub/topics';

export { ALERT_TYPES };

/** One CloudEvent read from `alerts.duplicate` or `alerts.omission` (contract section 6). */
export interface PublishedAlertEvent {
  cloudEventId: string;
  type: string;
  partition: number;
  offset: string;
  data: {
    alertId: string;
    kind?: 'DUPLICATE' | 'OMISSION';
    ruleId?: string;
    personId?: string | null;
    householdId?: string | null;
    evidence?: { source: string; eventId: string }[];
    resolution?: 'FULFILLED' | 'RETRACTED' | 'DISMISSED';
  };
}

export interface LedgerAlert {
  alertId: string;
  kind?: string;
  ruleId?: string;
  personId?: string | null;
  householdId?: string | null;
  evidence: { source: string; eventId: string }[];
  /** RAISED, then resolutions, in the order of the alert's partition (an alert's events share a key). */
  transitions: string[];
}

/**
 * What an alert consumer sees on the alert topics, delivery being at least once: CloudEvents counted
 * once per CloudEvent id. An alert raised by two different CloudEvents was raised twice; an omission
 * raised and later FULFILLED was declared before the event that fulfils it had been processed.
 */
export interface AlertLedger {
  alerts: Map<string, LedgerAlert>;
  raised: Set<string>;
  raisedMoreThanOnce: string[];
  omissionsRaisedThenFulfilled: string[];
  /** CloudEvents delivered more than once (the same id): allowed, and counted once. */
  redelivered: number;
}

export function alertLedger(events: PublishedAlertEvent[]): AlertLedger {
  const seen = new Set<string>();
  let redelivered = 0;
  const ordered = [...events].sort(
    (a, b) =>
      a.partition - b.partition ||
      (BigInt(a.offset) < BigInt(b.offset) ? -1 : BigInt(a.offset) > BigInt(b.offset) ? 1 : 0),
  );
  const alerts = new Map<string, LedgerAlert>();
  for (const e of ordered) {
    if (seen.has(e.cloudEventId)) {
      redelivered++;
      continue;
    }
    seen.add(e.cloudEventId);
    const alert = alerts.get(e.data.alertId) ?? { alertId: e.data.alertId, evidence: [], transitions: [] };
    if (e.type === ALERT_TYPES.raised) {
      Object.assign(alert, {
        kind: e.data.kind,
        ruleId: e.data.ruleId,
        personId: e.data.personId,
        householdId: e.data.householdId,
        evidence: e.data.evidence ?? [],
      });
      alert.transitions.push('RAISED');
    } else if (e.type === ALERT_TYPES.resolved) {
      alert.transitions.push(e.data.resolution ?? 'RESOLVED');
    }
    alerts.set(e.data.alertId, alert);
  }
  const list = [...alerts.values()];
  return {
    alerts,
    raised: new Set(list.filter((a) => a.transitions.includes('RAISED')).map((a) => a.alertId)),
    raisedMoreThanOnce: list
      .filter((a) => a.transitions.filter((t) => t === 'RAISED').length > 1)
      .map((a) => a.alertId),
    omissionsRaisedThenFulfilled: list
      .filter(
        (a) =>
          a.kind === 'OMISSION' &&
          a.transitions.indexOf('FULFILLED') > a.transitions.indexOf('RAISED') &&
          a.transitions.includes('RAISED'),
      )
      .map((a) => a.alertId),
    redelivered,
  };
}
