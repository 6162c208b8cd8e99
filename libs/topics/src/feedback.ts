import { Department } from '@hub/contract';
import { hubCloudEvent } from './person-links';
import { TopicNames } from './topic-names';

/**
 * Contract v1.1, section 8: feedback to department systems on `feedback.<department>` (readable by that department
 * only), so a department corrects its data at the source. Intake tells of dead letters and events accepted with
 * data-quality flags, the matcher of records waiting for a reviewer. At least once: a department deduplicates on
 * source + eventId + outcome.
 */
export const FEEDBACK_TYPE = 'assist.feedback.v1';
export const FEEDBACK_OUTCOMES = ['ACCEPTED_WITH_FLAGS', 'DEAD_LETTERED', 'NEEDS_REVIEW'] as const;
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];

export interface FeedbackData {
  /** The event's source and id; null for a message intake could not read as an event at all. */
  source: string | null;
  eventId: string | null;
  sourcePersonId?: string;
  outcome: FeedbackOutcome;
  /** Dead-letter codes, data-quality flags, or POSSIBLE_MATCH. */
  codes: string[];
  /** What to correct, with personal data masked. */
  detail: string;
  /** A compatible addition: where the message was read (a department finds a message it could not name by id). */
  topic?: string;
  partition?: number;
  offset?: string;
}

/** A feedback message for `department`, keyed by the record (or the event) so one record's feedback stays in order. */
export function feedbackMessage(
  topics: TopicNames,
  department: Department,
  hubSource: string,
  data: FeedbackData,
): { topic: string; key: string; value: string } {
  return {
    topic: topics.feedback(department),
    key: data.sourcePersonId ?? data.eventId ?? `${data.topic}:${data.partition}:${data.offset}`,
    value: hubCloudEvent(hubSource, FEEDBACK_TYPE, data),
  };
}
