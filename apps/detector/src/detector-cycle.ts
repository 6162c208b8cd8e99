import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HouseholdTimeline, RuleEvaluation, evaluateHousehold } from '@hub/detection';
import { AlertBook, HouseholdEvaluation } from './alerts/alert-book';
import { factEventTimes } from './alerts/settle-plan';
import { AlertPublisher } from './alerts/alert-publisher';
import { DetectorStats } from './detector-stats';
import { DetectorSettings } from './detector.settings';
import { EventClock, EventTimeReading } from './event-time/event-clock';
import { FactStore } from './facts/fact-store';
import { householdKeyOf } from './facts/household-key';
import { TimelineReader } from './facts/timeline-reader';
import { RecoveryBook } from './recovery/recovery-book';
import { RuleBook } from './rules/rule-book.service';

const NOTHING: RuleEvaluation = { findings: [], pending: [], fulfilled: [] };

/**
 * One detection cycle, in one transaction: apply what arrived (if anything), move event time, evaluate
 * the households whose facts changed and those with an omission window that event time has now
 * closed, settle their alerts; then publish the alert changes. Cycles of one instance never overlap: a
 * batch of events and the clock tick take turns. Cycles of several instances (one consumer group) lock
 * the households they evaluate, so the second reads the first's facts and alerts once it committed.
 */
@Injectable()
export class DetectorCycle {
  private readonly logger = new Logger('DetectorCycle');
  private turn: Promise<unknown> = Promise.resolve();
  lastReading: EventTimeReading = { now: null, latestEventTime: null, topics: [] };

  constructor(
    private readonly db: DataSource,
    private readonly rules: RuleBook,
    private readonly clock: EventClock,
    private readonly timelines: TimelineReader,
    private readonly facts: FactStore,
    private readonly alerts: AlertBook,
    private readonly publisher: AlertPublisher,
    private readonly stats: DetectorStats,
    private readonly settings: DetectorSettings,
    private readonly recoveries: RecoveryBook,
  ) {}

  /** `apply` writes new facts and returns the household keys they touched. */
  run(apply?: (tx: EntityManager) => Promise<Set<string>>): Promise<void> {
    const next = this.turn.then(() => this.cycle(apply));
    this.turn = next.catch(() => undefined);
    return next;
  }

  private async cycle(apply?: (tx: EntityManager) => Promise<Set<string>>): Promise<void> {
    const phases = this.stats.phases;
    this.stats.add('cycles');
    let t = performance.now();
    await this.db.transaction(async (tx) => {
      t = phases.time('begin', t);
      const keys = apply ? await apply(tx) : new Set<string>();
      t = phases.time('apply', t);
      const reading = await this.clock.advance(tx, {
        ...this.rules.pack.eventTime,
        idleSpanSeconds: this.settings.DETECTOR_IDLE_SPAN_SECONDS,
      });
      this.lastReading = reading;
      // Before the first event there is no event time: duplicates are still found, omissions wait.
      const now = reading.now ?? new Date(0);
      t = phases.time('clock', t);
      if (reading.now) {
        const due: { household_key: string }[] = await tx.query(
          'SELECT DISTINCT household_key FROM detector_due WHERE due_at <= $1',
          [reading.now.toISOString()],
        );
        for (const d of due) keys.add(d.household_key);
      }
      t = phases.time('due', t);
      if (keys.size === 0) return;
      await this.facts.lockHouseholds(tx, keys);
      t = phases.time('lock', t);
      const households = await this.timelines.households(tx, keys);
      t = phases.time('timelines', t);
      const held = await this.facts.heldPersons(
        tx,
        households.flatMap((h) => h.members.map((m) => m.personId)),
        this.settings.DETECTOR_REVIEW_HOLD_DAYS,
      );
      t = phases.time('holds', t);
      const evaluated = this.evaluate(households, keys, held, now, reading.now !== null);
      t = phases.time('evaluate', t);
      // Alerts are stamped with event time; before there is any (partitions still held back), with the event time of
      // their evidence (settle-plan), never the epoch nor the wall clock.
      const counts = await this.alerts.settle(tx, evaluated.map(withoutOverpayments), {
        now: reading.now,
        latestEventTime: reading.latestEventTime,
      });
      this.stats.evaluated(evaluated.length, counts);
      t = phases.time('settle', t);
      // Cases open only for alerts raised, which needs an event time: the case is stamped with it too.
      const caseTime = reading.now ?? reading.latestEventTime ?? new Date();
      const cases = await this.recoveries.settle(
        tx,
        evaluated.flatMap((e) => e.evaluation.findings),
        evaluated.map((e) => e.householdKey),
        caseTime,
      );
      this.stats.add('recoveryCasesOpened', cases.opened);
      this.stats.add('recoveryCasesCancelled', cases.cancelled);
      t = phases.time('recovery', t);
    });
    t = phases.time('commit', t);
    await this.publisher.publishPending();
    await this.recoveries.outbox.relay();
    phases.time('publish', t);
  }

  /**
   * The rules over each household read, at event time `now` (the epoch before there is any: nothing is due then);
   * keys with nobody left (a merged person, a household everyone left) evaluate to nothing, so their open alerts go.
   * Before event time is known, each household's fact times go along: what is found is stamped with its evidence's.
   */
  private evaluate(
    households: HouseholdTimeline[],
    keys: Set<string>,
    held: Map<string, Date>,
    now: Date,
    timeKnown: boolean,
  ): HouseholdEvaluation[] {
    const evaluated: HouseholdEvaluation[] = households.flatMap((h) => {
      const householdKey = householdKeyOf(h.members[0].personId, h.householdId);
      keys.delete(householdKey);
      const heldUntil = householdHeldUntil(h, held);
      const identity = heldUntil
        ? { state: heldUntil > now ? ('HELD' as const) : ('UNSETTLED' as const), heldUntil }
        : undefined;
      try {
        return [
          {
            householdKey,
            evaluation: evaluateHousehold(this.rules.pack, this.rules.calendar, h, now, this.rules.standards),
            identity,
            factTimes: timeKnown ? undefined : factEventTimes(h),
          },
        ];
      } catch (e) {
        // One household the rules cannot evaluate must not stop the others: its alerts stay as they are and
        // it is tried again when its facts change or a window of it falls due. Hub ids only, no personal data.
        this.stats.add('householdsNotEvaluated');
        this.logger.error(`household ${householdKey} not evaluated: ${(e as Error).name}`);
        return [];
      }
    });
    for (const householdKey of keys) evaluated.push({ householdKey, evaluation: NOTHING });
    for (const e of evaluated) {
      for (const s of e.evaluation.skipped ?? [])
        this.logger.warn(`rule ${s.ruleId}: alert ${s.alertId} not evaluated: ${s.reason}`);
    }
    return evaluated;
  }
}

/** A household is held while any member is, until the latest of its members' holds ends. */
export function householdHeldUntil(h: HouseholdTimeline, held: Map<string, Date>): Date | undefined {
  let until: Date | undefined;
  for (const m of h.members) {
    const u = held.get(m.personId);
    if (u && (!until || u > until)) until = u;
  }
  return until;
}

/** An alert says what was found; how much to recover is the recovery case's (RecoveryBook), not part of the alert. */
function withoutOverpayments(e: HouseholdEvaluation): HouseholdEvaluation {
  const findings = e.evaluation.findings.map((f) => {
    const alert = { ...f };
    delete alert.overpayment;
    return alert;
  });
  return { ...e, evaluation: { ...e.evaluation, findings } };
}
