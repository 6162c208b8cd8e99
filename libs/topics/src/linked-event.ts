import { AcceptedEvent, IntakeProgress } from './accepted-event';
import { PersonMergedData } from './person-links';

/** An accepted event after matching: the hub person and household its person block was tied to. */
export interface LinkedEvent extends AcceptedEvent {
  /** Null when the event names no person (revocations, ended statuses, application milestones). */
  personId: string | null;
  householdId: string | null;
  /** 'civil-affairs' when civil affairs placed the person in that household (it keeps household composition). */
  householdPlacedBy?: string | null;
}

/**
 * Value of `hub.events.linked` (JSON), the detector's input: the events of one matcher batch in
 * order, the last value with the merges and opened review pairs that batch's linking made, or, in a
 * record of its own, merges and review pairs from the matcher's outbox (the same again, or a reviewer's).
 * Merges apply after the events before them: those carry the ids as they were, later events already
 * carry the survivor; a merge that comes twice changes nothing the second time.
 * Same partition number as the accepted events it came from, so one record's events stay in order.
 */
export interface LinkedEventBatch {
  sourceTopic: string;
  sourcePartition: number;
  events: LinkedEvent[];
  merges?: PersonMergedData[];
  /** A reviewer's unlinks: the record's facts move to its new person (in a record of their own). */
  relinks?: RecordRelink[];
  /** Review pairs opened (POSSIBLE_MATCH) or settled: who is who is uncertain for both persons meanwhile. */
  reviewHolds?: ReviewHold[];
  /**
   * On the last value of a matcher batch: the intake partitions whose messages up to these offsets are all in
   * this value or before it. The detector's event time is held back by every partition it has not reached the end of.
   */
  progress?: IntakeProgress[];
}

/**
 * A POSSIBLE_MATCH pair waiting for a reviewer (open) or settled (closed). While open, the detector
 * holds omission alerts of both persons' households: the benefit that looks missing may sit on the
 * other person of the pair (a health record without an ID number, say).
 */
export interface ReviewHold {
  source: string;
  sourcePersonId: string;
  personId: string;
  candidatePersonId: string;
  open: boolean;
  /** Event time of the record's event that opened the pair (the hold runs from there). */
  openedAt?: string;
}

/** A settled pair, closed (by a reviewer, or by the matcher's rule): the detector lifts the hold on both persons. */
export function closedReviewHold(
  record: { source: string; sourcePersonId: string; personId: string },
  candidatePersonId: string,
): ReviewHold {
  return {
    source: record.source,
    sourcePersonId: record.sourcePersonId,
    personId: record.personId,
    candidatePersonId,
    open: false,
  };
}

/** One department record moved by a reviewer from one hub person to another (a person of its own, usually). */
export interface RecordRelink {
  source: string;
  sourcePersonId: string;
  fromPersonId: string;
  personId: string;
  /** The hub household of the person the record moved to (null: none yet). */
  householdId: string | null;
}
