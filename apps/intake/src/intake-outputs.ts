import { IntakeErrorCode } from '@hub/contract';
import { InboundMessage, OutboundMessage } from '@hub/kafka';
import { DEAD_LETTER_HEADERS } from '@hub/topics';
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
export function routeStored(accepted: { message: InboundMessage; decoded: AcceptedDecode }[], stored: StoreOutcome[]): StoredRouting {
  const routing: StoredRouting = { forMatcher: [], refused: [], kept: [] };
  accepted.forEach(({ message, decoded }, i) => {
    const s = stored[i];
    if (s.kind === 'refused') {
      routing.refused.push({ message, code: 'STORE_REJECTED', detail: s.detail });
      return;
    }
    routing.kept.push(s.kind);
    if (s.kind !== 'duplicate') routing.forMatcher.push(`{"storeSeq":"${s.seq}","receivedAt":"${s.receivedAt.toISOString()}",${decoded.eventJson.slice(1)}`);
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
