import { IntakeErrorCode, qualityFlagText } from '@hub/contract';
import { maskPersonalText } from '@hub/identity';
import { InboundMessage, OutboundMessage } from '@hub/kafka';
import { DEAD_LETTER_HEADERS, FeedbackData } from '@hub/topics';
import { AcceptedDecode } from './decode-batch';
import { StoreOutcome } from './event-store';

/** What intake sends on once the event store has answered, decided without I/O. */

export interface Rejection {
  message: InboundMessage;
  code: IntakeErrorCode;
  detail: string;
}

export interface StoredRouting {
  /** AcceptedEvent JSON for the matcher: stored now, or stored before and delivered again (republished). */
  forMatcher: string[];
  /** Rows the database refused: dead letters. */
  refused: Rejection[];
  /** What became of each event the store kept (stored, redelivered, duplicate), for the counters. */
  kept: Exclude<StoreOutcome['kind'], 'refused'>[];
}

/**
 * Sorts the store's answer, one per accepted event: a department's duplicate goes nowhere (the same event,
 * processed once), a refused row to the dead letters, the rest to the matcher with the store's seq and receipt time.
 */
export function routeStored(
  accepted: { message: InboundMessage; decoded: AcceptedDecode }[],
  stored: StoreOutcome[],
): StoredRouting {
  const routing: StoredRouting = { forMatcher: [], refused: [], kept: [] };
  accepted.forEach(({ message, decoded }, i) => {
    const s = stored[i];
    if (s.kind === 'refused') {
      routing.refused.push({ message, code: 'STORE_REJECTED', detail: s.detail });
      return;
    }
    routing.kept.push(s.kind);
    if (s.kind !== 'duplicate')
      routing.forMatcher.push(
        `{"storeSeq":"${s.seq}","receivedAt":"${s.receivedAt.toISOString()}",${decoded.eventJson.slice(1)}`,
      );
  });
  return routing;
}

/** The input unchanged (value, key, headers) with the x-error-* headers saying why and where it came from. */
export function deadLetterMessage(deadLetterTopic: string, r: Rejection): OutboundMessage {
  const m = r.message;
  return {
    topic: deadLetterTopic,
    key: m.key,
    value: m.value,
    headers: {
      ...m.headers,
      [DEAD_LETTER_HEADERS.code]: r.code,
      [DEAD_LETTER_HEADERS.detail]: r.detail,
      [DEAD_LETTER_HEADERS.sourceTopic]: m.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(m.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: m.offset,
    },
  };
}

/**
 * Feedback (contract section 8) for the events kept with data-quality flags: stored now or stored before and delivered
 * again (sent again then: at least once), never for a department's duplicate, which was told the first time.
 */
export function flaggedFeedback(
  accepted: { message: InboundMessage; decoded: AcceptedDecode }[],
  stored: StoreOutcome[],
): FeedbackData[] {
  return accepted.flatMap(({ message, decoded }, i) => {
    const kind = stored[i].kind;
    if (decoded.qualityFlags.length === 0 || kind === 'refused' || kind === 'duplicate') return [];
    return [
      {
        source: decoded.source,
        eventId: decoded.id,
        ...(decoded.sourcePersonId !== null ? { sourcePersonId: decoded.sourcePersonId } : {}),
        outcome: 'ACCEPTED_WITH_FLAGS' as const,
        codes: decoded.qualityFlags,
        detail: `已接收，但请在源系统核对：${decoded.qualityFlags.map(qualityFlagText).join('；')}`,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
      },
    ];
  });
}

/**
 * Feedback for a dead letter: the event's source and id as far as the message names them (a structured value, or
 * binary-mode headers), the code and the detail with personal data masked.
 */
export function deadLetterFeedback(r: Rejection): FeedbackData {
  const named = namedEvent(r.message);
  return {
    source: named.source,
    eventId: named.id,
    ...(named.sourcePersonId ? { sourcePersonId: named.sourcePersonId } : {}),
    outcome: 'DEAD_LETTERED',
    codes: [r.code],
    detail: `未接收（${r.code}）：${maskPersonalText(r.detail)}`,
    topic: r.message.topic,
    partition: r.message.partition,
    offset: r.message.offset,
  };
}

function namedEvent(m: InboundMessage): { source: string | null; id: string | null; sourcePersonId: string | null } {
  const header = (name: string) => {
    const v = m.headers[name];
    const first = Array.isArray(v) ? v[0] : v;
    return first === undefined ? null : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  };
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : null);
  let structured: { source?: unknown; id?: unknown; data?: { person?: { sourcePersonId?: unknown } } } = {};
  try {
    const parsed: unknown = JSON.parse(m.value?.toString('utf8') ?? '');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) structured = parsed;
  } catch {
    // not JSON: binary mode, or not an event at all
  }
  return {
    source: text(structured.source) ?? text(header('ce_source')),
    id: text(structured.id) ?? text(header('ce_id')),
    // The contract keys a department's messages by its sourcePersonId.
    sourcePersonId: text(structured.data?.person?.sourcePersonId) ?? text(m.key?.toString('utf8')),
  };
}
