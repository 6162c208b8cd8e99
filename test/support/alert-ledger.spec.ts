import { ALERT_TYPES, PublishedAlertEvent, alertLedger } from './alert-ledger';

let offset = 0;
const raised = (
  alertId: string,
  cloudEventId: string,
  kind: 'DUPLICATE' | 'OMISSION' = 'OMISSION',
): PublishedAlertEvent => ({
  cloudEventId,
  type: ALERT_TYPES.raised,
  partition: 0,
  offset: String(offset++),
  data: { alertId, kind, ruleId: 'omit.x', evidence: [] },
});
const resolved = (
  alertId: string,
  cloudEventId: string,
  resolution: 'FULFILLED' | 'RETRACTED',
): PublishedAlertEvent => ({
  cloudEventId,
  type: ALERT_TYPES.resolved,
  partition: 0,
  offset: String(offset++),
  data: { alertId, resolution },
});

describe('alertLedger', () => {
  it('counts a CloudEvent delivered twice once, and one raised by two CloudEvents as raised twice', () => {
    const ledger = alertLedger([raised('a', 'ce1'), raised('a', 'ce1'), raised('b', 'ce2'), raised('b', 'ce3')]);
    expect([...ledger.raised].sort()).toEqual(['a', 'b']);
    expect(ledger.redelivered).toBe(1);
    expect(ledger.raisedMoreThanOnce).toEqual(['b']);
  });

  it('finds omissions raised and then fulfilled, not retracted ones or duplicates', () => {
    const ledger = alertLedger([
      raised('o1', 'c1'),
      resolved('o1', 'c2', 'FULFILLED'),
      raised('o2', 'c3'),
      resolved('o2', 'c4', 'RETRACTED'),
      raised('d1', 'c5', 'DUPLICATE'),
      resolved('d1', 'c6', 'FULFILLED'),
    ]);
    expect(ledger.omissionsRaisedThenFulfilled).toEqual(['o1']);
    expect(ledger.alerts.get('o1')!.transitions).toEqual(['RAISED', 'FULFILLED']);
  });
});
