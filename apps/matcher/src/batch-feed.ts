import { DEPARTMENTS, Department, parseSource, recordKeyOf } from '@hub/contract';
import { IncomingRecord, LinkOutcome } from '@hub/matching';
import { OutboxMessage } from '@hub/runtime';
import type { ChunkOutcome, SecondLookMerge } from './record-linker';
import type { SettledReview } from './review/review-settlement';
import {
  AcceptedEvent,
  AcceptedEventBatch,
  FeedbackData,
  IntakeProgress,
  LinkedEvent,
  LinkedEventBatch,
  PERSON_LINK_TYPES,
  PersonLinkData,
  PersonMergedData,
  ReviewHold,
  TopicNames,
  batchedEventValues,
  closedReviewHold,
  feedbackMessage,
  hubCloudEvent,
  markLastValue,
  parseEventBatch,
  personMerged,
} from '@hub/topics';

/**
 * The matcher's decisions about one batch that need no database: which records the accepted events name, what
 * the detector's feed says of them once linked, and which messages describe what linking stored.
 */

const SOURCE = '/hub/matcher';

/** The records of one partition batch that name a person, with the event time of each (review pairs start then). */
export interface BatchRecords {
  events: AcceptedEvent[];
  records: IncomingRecord[];
  /** Event time of each record's event. */
  recordTimes: string[];
  /** Where each record's event came from, for the quarantine. */
  recordOrigins: { offset: string; eventKey: string; eventId: string }[];
  /** For each event, the index of its record in `records`, or -1 when it names no person. */
  recordOf: number[];
  /** Per intake partition, the furthest offset the batch's values say is dealt with. */
  progress: IntakeProgress[];
  /** Offsets of values that are not an AcceptedEventBatch (skipped: resending cannot fix them). */
  skipped: string[];
}

/** Reads a batch of hub.intake.accepted values: events in order, the records they name, the progress marks. */
export function readAcceptedBatch(messages: { offset: string; value: Buffer | null }[]): BatchRecords {
  const read: BatchRecords = {
    events: [],
    records: [],
    recordTimes: [],
    recordOrigins: [],
    recordOf: [],
    progress: [],
    skipped: [],
  };
  const through = new Map<string, IntakeProgress>();
  for (const message of messages) {
    const accepted = parseEventBatch<AcceptedEventBatch>(message.value);
    if (!accepted) {
      read.skipped.push(message.offset);
      continue;
    }
    if (accepted.sourceThroughOffset !== undefined) {
      const key = `${accepted.sourceTopic}:${accepted.sourcePartition}`;
      const before = through.get(key);
      if (!before || BigInt(before.throughOffset) < BigInt(accepted.sourceThroughOffset)) {
        through.set(key, {
          topic: accepted.sourceTopic,
          partition: accepted.sourcePartition,
          throughOffset: accepted.sourceThroughOffset,
        });
      }
    }
    for (const event of accepted.events) {
      read.events.push(event);
      const person = event.data.person as IncomingRecord['person'] | undefined;
      if (!person) {
        read.recordOf.push(-1);
        continue;
      }
      const household = event.data.household as IncomingRecord['household'] | undefined;
      read.recordOf.push(read.records.length);
      read.records.push({ source: event.source, person, household: household?.householdId ? household : undefined });
      read.recordTimes.push(event.time);
      read.recordOrigins.push({ offset: message.offset, eventKey: `${event.source}|${event.id}`, eventId: event.id });
    }
  }
  read.progress = [...through.values()];
  return read;
}

/**
 * The detector's feed as values: every event with its person and household, in order; the last value says how
 * far each intake partition is dealt with. A quarantined record's events (no outcome) stay out: the detector
 * would take them for events of nobody.
 *
 * The last value also carries the merges and opened review pairs the batch's linking made, its second looks
 * included, after the events. The matcher's outbox sends them too (durably: a batch that comes again is
 * "unchanged" and could not tell them again), but after the feed: between the two, event time moved on past the
 * records' events with the detector unaware that a record sent to review, or about to be merged, belonged to a
 * person it was judging, and an omission was raised that a merge then fulfilled (the kill-matcher fault run, 单俊's
 * insurance subsidy, 2026-12-06). The detector applies the second copy of either as a no-op.
 */
export function linkedEventValues(
  sourceTopic: string,
  partition: number,
  read: Pick<BatchRecords, 'events' | 'recordOf' | 'progress' | 'recordTimes'>,
  outcomes: (ChunkOutcome | undefined)[],
): string[] {
  const { events, recordOf, progress, recordTimes } = read;
  const linked = events.flatMap((event, i) => {
    if (recordOf[i] >= 0 && !outcomes[recordOf[i]]) return [];
    const outcome = recordOf[i] >= 0 ? outcomes[recordOf[i]] : undefined;
    const value: LinkedEvent = {
      ...event,
      personId: outcome?.personId ?? null,
      householdId: outcome?.householdId ?? null,
      householdPlacedBy: outcome?.householdPlacedBy ?? null,
    };
    return [JSON.stringify(value)];
  });
  const head = `{"sourceTopic":${JSON.stringify(sourceTopic)},"sourcePartition":${partition},"events":[`;
  const values = batchedEventValues(head, linked);
  const merges: PersonMergedData[] = outcomes.flatMap((o) =>
    [...(o?.merged ? [o.merged] : []), ...(o?.secondLook?.merges ?? [])].map(personMerged),
  );
  const reviewHolds = outcomes.flatMap((o, i) => [
    ...[openedHold(o, recordTimes[i]), openedHold(o?.secondLook?.review, recordTimes[i])].filter(
      (h): h is ReviewHold => !!h,
    ),
    ...settledHolds(o?.settledReviews),
    ...settledHolds(o?.secondLook?.settledReviews),
  ]);
  const marks = {
    ...(progress.length ? { progress } : {}),
    ...(merges.length ? { merges } : {}),
    ...(reviewHolds.length ? { reviewHolds } : {}),
  };
  return Object.keys(marks).length ? markLastValue(head, values, marks) : values;
}

/** The review pair a record's new link opened (POSSIBLE_MATCH), held from the event time of the record's event. */
function openedHold(outcome: LinkOutcome | undefined, recordTime: string): ReviewHold | undefined {
  if (outcome?.link?.decision !== 'POSSIBLE_MATCH') return undefined;
  return {
    source: outcome.link.source,
    sourcePersonId: outcome.link.sourcePersonId,
    personId: outcome.personId,
    candidatePersonId: outcome.link.personId,
    open: true,
    openedAt: recordTime,
  };
}

/** Review pairs settled by rule (ReviewSettlement), closed: the detector lifts their holds. */
function settledHolds(settled: SettledReview[] = []): ReviewHold[] {
  return settled.map((review) => closedReviewHold(review.link, review.candidatePersonId));
}

/**
 * The MATCH each record of these settled pairs now has. A record with pairs against two candidates, both settled,
 * joins its own person once: one MATCH for it (all of a record's pairs are settled in one transaction, by the
 * outcome or the merge that made its person, so they meet here).
 */
function settledLinks(settled: SettledReview[] = []): PersonLinkData[] {
  const byRecord = new Map<string, PersonLinkData>();
  for (const review of settled)
    byRecord.set(recordKeyOf(review.link.source, review.link.sourcePersonId), {
      ...review.link,
      householdId: review.householdId,
    });
  return [...byRecord.values()];
}

/** persons.links decisions. */
function linkMessages(topics: TopicNames, links: PersonLinkData[]): OutboxMessage[] {
  return links.map((link) => ({
    topic: topics.personLinks,
    key: link.personId,
    value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.linked, link),
  }));
}

/**
 * What a second look's merges store as messages: each merge on persons.links, then the MATCH of each record whose
 * review pair a merge settled, and for the detector the merges and the lifted holds.
 */
export function secondLookMessages(
  topics: TopicNames,
  batch: BatchSource,
  found: SecondLookMerge[],
  settled: SettledReview[],
): OutboxMessage[] {
  const merges = found.map(personMerged);
  return [
    ...mergeMessages(topics, merges),
    ...linkMessages(topics, settledLinks(settled)),
    ...detectorDecision(topics, batch, { merges, reviewHolds: settledHolds(settled) }),
  ];
}

/** Where a batch came from: the detector's merges and review pairs go on the partition of its events. */
export interface BatchSource {
  topic: string;
  partition: number;
}

/** persons.links messages for merges. */
function mergeMessages(topics: TopicNames, merges: PersonMergedData[]): OutboxMessage[] {
  return merges.map((merged) => ({
    topic: topics.personLinks,
    key: merged.survivorId,
    value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.merged, merged),
  }));
}

/** Merges and opened review pairs for the detector, on the partition of the events they follow. */
function detectorDecision(
  topics: TopicNames,
  batch: BatchSource,
  decision: { merges: PersonMergedData[]; reviewHolds: ReviewHold[] },
): OutboxMessage[] {
  if (decision.merges.length === 0 && decision.reviewHolds.length === 0) return [];
  const value: LinkedEventBatch = {
    sourceTopic: batch.topic,
    sourcePartition: batch.partition,
    events: [],
    ...(decision.merges.length ? { merges: decision.merges } : {}),
    ...(decision.reviewHolds.length ? { reviewHolds: decision.reviewHolds } : {}),
  };
  return [
    {
      topic: topics.linkedEvents,
      partition: batch.partition,
      key: `${batch.topic}:${batch.partition}`,
      value: JSON.stringify(value),
    },
  ];
}

/**
 * What a chunk's link decisions store as messages: a persons.links decision per new link (and per record whose
 * review pair a link settled: MATCH, its own person), the merges it made, and for the detector the merges and the
 * review pairs opened (POSSIBLE_MATCH; the hold runs from the record's event time) and settled.
 */
export function decisionMessages(
  topics: TopicNames,
  batch: BatchSource,
  outcomes: (ChunkOutcome | undefined)[],
  recordTimes: string[],
): OutboxMessage[] {
  const links: PersonLinkData[] = [];
  const merges: PersonMergedData[] = [];
  const reviewHolds: ReviewHold[] = [];
  outcomes.forEach((outcome, i) => {
    if (!outcome?.link) return;
    links.push({ ...outcome.link, householdId: outcome.householdId }, ...settledLinks(outcome.settledReviews));
    if (outcome.merged) merges.push(personMerged(outcome.merged));
    const hold = openedHold(outcome, recordTimes[i]);
    if (hold) reviewHolds.push(hold);
    reviewHolds.push(...settledHolds(outcome.settledReviews));
  });
  return [
    ...linkMessages(topics, links),
    ...mergeMessages(topics, merges),
    ...detectorDecision(topics, batch, { merges, reviewHolds }),
  ];
}

/**
 * Feedback (contract section 8) for each record sent to review: its department learns the record fits a person but
 * lacks what would settle who (an ID number, mostly), and can add it at the source. `eventIds` are the records' events.
 */
export function reviewFeedback(
  topics: TopicNames,
  outcomes: (LinkOutcome | undefined)[],
  eventIds: string[],
): OutboxMessage[] {
  return outcomes.flatMap((outcome, i) => {
    const link = outcome?.link;
    const department = link ? parseSource(link.source)?.department : undefined;
    if (!link || link.decision !== 'POSSIBLE_MATCH' || !isDepartment(department)) return [];
    const data: FeedbackData = {
      source: link.source,
      eventId: eventIds[i],
      sourcePersonId: link.sourcePersonId,
      outcome: 'NEEDS_REVIEW',
      codes: ['POSSIBLE_MATCH'],
      detail: `记录与已登记人员相似（匹配分 ${link.score.toFixed(1)}），但缺少可确认身份的信息，已转人工审核；在源系统补充证件号码可免审核`,
    };
    return [feedbackMessage(topics, department, SOURCE, data)];
  });
}

const isDepartment = (d: string | undefined): d is Department => (DEPARTMENTS as readonly string[]).includes(d ?? '');
