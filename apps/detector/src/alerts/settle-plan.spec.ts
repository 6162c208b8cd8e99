import { Finding, RuleEvaluation } from '@hub/detection';
import {
  evaluateWith,
  grant,
  household,
  person,
  ruleOf,
} from '../../../../libs/detection/src/testing/timeline-fixtures';
import {
  HouseholdEvaluation,
  SettleClock,
  StoredAlert,
  WHEN_EVENT_TIME_IS_KNOWN,
  evidenceTime,
  factEventTimes,
  planSettlement,
  sortFindings,
} from './settle-plan';

/** 低保 in two counties at once: a same-program overlap, its later grant sent on 03-02. */
const overlapping = household(
  'H-1',
  person('P-1', {
    benefits: [
      grant({
        program: 'DIBAO',
        benefitId: 'MZ-1',
        start: '2026-01-01',
        end: '2026-12-31',
        source: '/330502/civil-affairs/dibao',
        grantedAt: '2026-01-05T09:00:00+08:00',
      }),
      grant({
        program: 'DIBAO',
        benefitId: 'MZ-9',
        start: '2026-03-01',
        end: '2026-12-31',
        source: '/330503/civil-affairs/dibao',
        grantedAt: '2026-03-02T09:00:00+08:00',
      }),
    ],
  }),
);
const BEFORE_ANY_TIME = new Date(0); // what the cycle evaluates with while event time is unknown
const evaluation = evaluateWith(ruleOf('dup.same-program-overlap'), overlapping, BEFORE_ANY_TIME);
const [duplicate] = evaluation.findings;

const omission = (alertId: string): Finding => ({
  ...duplicate,
  alertId,
  kind: 'OMISSION',
  ruleId: 'omit.insurance-subsidy',
  dueAt: '2026-04-11T23:59:59.999+08:00',
});
const evaluated = (
  householdKey: string,
  e: Partial<RuleEvaluation>,
  extra: Partial<HouseholdEvaluation> = {},
): HouseholdEvaluation => ({
  householdKey,
  evaluation: { findings: [], pending: [], fulfilled: [], ...e },
  ...extra,
});
const settle = (list: HouseholdEvaluation[], stored: StoredAlert[], clock: SettleClock) =>
  planSettlement(list, sortFindings(list, clock), stored, clock);

const MAY = new Date('2026-05-01T00:00:00+08:00');
const known: SettleClock = { now: MAY, latestEventTime: MAY };

describe('settling alerts (the pure plan)', () => {
  it('finds the overlap it is given to settle', () => {
    expect(duplicate).toMatchObject({ kind: 'DUPLICATE', ruleId: 'dup.same-program-overlap', personId: 'P-1' });
  });

  it('raises a new finding once, stamped with event time, with the history it publishes', () => {
    const plan = settle([evaluated('H-1', evaluation)], [], known);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        kind: 'raise',
        alertId: duplicate.alertId,
        householdKey: 'H-1',
        provisional: false,
        at: MAY,
        raised: { ...duplicate, detectedAt: '2026-05-01T00:00:00.000+08:00' },
      }),
    ]);
    expect(plan.counts).toEqual({ raised: 1, provisional: 0, fulfilled: 0, retracted: 0, held: 0 });
    expect(plan.resolutions).toEqual([]);
    expect(
      settle(
        [evaluated('H-1', evaluation)],
        [{ alertId: duplicate.alertId, status: 'OPEN', householdKey: 'H-1' }],
        known,
      ).changes,
    ).toEqual([]);
  });

  describe('before event time is established (the first events of an empty hub)', () => {
    const unknown: SettleClock = { now: null, latestEventTime: new Date('2026-03-02T01:00:00Z') };

    it('stamps a duplicate with the latest event time of its evidence, not 1970 and not the wall clock', () => {
      const plan = settle([evaluated('H-1', evaluation, { factTimes: factEventTimes(overlapping) })], [], unknown);
      expect(plan.changes).toHaveLength(1);
      const [raise] = plan.changes;
      expect(raise).toMatchObject({ kind: 'raise', at: new Date('2026-03-02T09:00:00+08:00') });
      expect(raise.kind === 'raise' && raise.raised.detectedAt).toBe('2026-03-02T09:00:00.000+08:00');
    });

    it('falls back to the latest event time stored when the evidence has no known time', () => {
      const [raise] = settle([evaluated('H-1', evaluation)], [], unknown).changes;
      expect(raise).toMatchObject({ kind: 'raise', at: unknown.latestEventTime });
    });

    it('raises nothing while no time is known at all: the household waits in detector_due for the first event time', () => {
      const plan = settle([evaluated('H-1', evaluation)], [], { now: null, latestEventTime: null });
      expect(plan.changes).toEqual([]);
      expect(plan.counts.raised).toBe(0);
      expect(plan.due).toEqual([
        { household_key: 'H-1', alert_id: duplicate.alertId, due_at: WHEN_EVENT_TIME_IS_KNOWN },
      ]);
    });

    it('resolves at the latest event time stored', () => {
      const plan = settle(
        [evaluated('H-1', {})],
        [{ alertId: duplicate.alertId, status: 'OPEN', householdKey: 'H-1' }],
        unknown,
      );
      expect(plan.resolutions).toEqual([
        expect.objectContaining({ alertId: duplicate.alertId, resolution: 'RETRACTED' }),
      ]);
      expect(plan.resolvedAt).toEqual(unknown.latestEventTime);
    });
  });

  it('retracts an open alert of an evaluated household no longer found; leaves alone those of households not evaluated', () => {
    const stored: StoredAlert[] = [
      { alertId: 'A-gone', status: 'OPEN', householdKey: 'H-1' },
      { alertId: 'A-done', status: 'RETRACTED', householdKey: 'H-1' },
      { alertId: 'A-elsewhere', status: 'OPEN', householdKey: 'H-2' },
    ];
    const plan = settle([evaluated('H-1', {})], stored, known);
    expect(plan.resolutions).toEqual([{ alertId: 'A-gone', resolution: 'RETRACTED', reason: expect.any(String) }]);
    expect(plan.resolvedAt).toBe(MAY);
    expect(plan.counts.retracted).toBe(1);
  });

  it('fulfils a filled omission, including one raised late in the same cycle', () => {
    const late = omission('A-late');
    const plan = settle(
      [evaluated('H-1', { findings: [late], fulfilled: ['A-late', 'A-open'] })],
      [{ alertId: 'A-open', status: 'OPEN', householdKey: 'H-1' }],
      known,
    );
    expect(plan.changes.map((c) => [c.kind, c.alertId])).toEqual([['raise', 'A-late']]);
    expect(plan.resolutions.map((r) => [r.alertId, r.resolution])).toEqual([
      ['A-open', 'FULFILLED'],
      ['A-late', 'FULFILLED'],
    ]);
    expect(plan.counts).toMatchObject({ raised: 1, fulfilled: 2 });
  });

  it('holds the omissions of a household with an open review pair: neither raised nor retracted, due again when the hold ends', () => {
    const heldUntil = new Date('2026-06-01T00:00:00Z');
    const plan = settle(
      [evaluated('H-1', { findings: [omission('A-held'), duplicate] }, { identity: { state: 'HELD', heldUntil } })],
      [{ alertId: 'A-held', status: 'OPEN', householdKey: 'H-1' }],
      known,
    );
    expect(plan.changes.map((c) => c.alertId)).toEqual([duplicate.alertId]); // duplicates never wait for a review
    expect(plan.resolutions).toEqual([]);
    expect(plan.counts.held).toBe(1);
    expect(plan.due).toEqual([{ household_key: 'H-1', alert_id: 'A-held', due_at: heldUntil }]);
  });

  it('publishes an omission as provisional once the hold has passed, and raises it for real once identity is settled', () => {
    const f = omission('A-prov');
    const provisional = settle(
      [evaluated('H-1', { findings: [f] }, { identity: { state: 'UNSETTLED', heldUntil: MAY } })],
      [],
      known,
    );
    expect(provisional.changes).toEqual([
      expect.objectContaining({ kind: 'raise', alertId: 'A-prov', provisional: true }),
    ]);
    expect(provisional.counts).toMatchObject({ raised: 0, provisional: 1 });

    const settled = settle(
      [evaluated('H-2', { findings: [f] })],
      [{ alertId: 'A-prov', status: 'PROVISIONAL', householdKey: 'H-1' }],
      known,
    );
    expect(settled.changes).toEqual([
      expect.objectContaining({ kind: 'confirm', alertId: 'A-prov', householdKey: 'H-2', at: MAY }),
    ]);
    expect(settled.counts.raised).toBe(1);
    expect(settled.resolutions).toEqual([]);
  });

  it('moves a finding now seen from another household without raising it again', () => {
    const plan = settle(
      [evaluated('H-2', evaluation)],
      [{ alertId: duplicate.alertId, status: 'OPEN', householdKey: 'H-1' }],
      known,
    );
    expect(plan.changes).toEqual([
      { kind: 'move', alertId: duplicate.alertId, householdKey: 'H-2', personId: 'P-1', householdId: 'H-1' },
    ]);
    expect(plan.resolutions).toEqual([]);
  });

  it('replaces the due rows of the households evaluated with their open windows', () => {
    const plan = settle(
      [
        evaluated('H-1', {
          pending: [
            {
              alertId: 'A-w',
              ruleId: 'r',
              personId: 'P-1',
              householdId: 'H-1',
              dueAt: '2026-06-30T23:59:59.999+08:00',
            },
          ],
        }),
        evaluated('H-2', {}),
      ],
      [],
      known,
    );
    expect(plan.householdKeys).toEqual(['H-1', 'H-2']);
    expect(plan.due).toEqual([{ household_key: 'H-1', alert_id: 'A-w', due_at: '2026-06-30T23:59:59.999+08:00' }]);
  });
});

describe('evidence time', () => {
  it('is the latest event time among the facts a finding rests on', () => {
    expect(evidenceTime(duplicate, factEventTimes(overlapping))).toEqual(new Date('2026-03-02T09:00:00+08:00'));
  });

  it('is unknown when none of them is in the household', () => {
    expect(evidenceTime(duplicate, new Map())).toBeNull();
    expect(evidenceTime(duplicate, undefined)).toBeNull();
  });
});
