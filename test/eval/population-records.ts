import { ALL_EVENT_TYPES, decodeCloudEvent, parseSource, validatePayload } from '@hub/contract';
import { IdentityBlock } from '@hub/matching';
import { GeneratedFeed } from '../generator/feed';

/** A department record as the matcher receives it, with the key its truth is filed under. */
export interface StreamRecord {
  source: string;
  person: IdentityBlock & { sourcePersonId: string };
  /** `<department>|<sourcePersonId>`: one department keeps one record per person, whichever system sends it. */
  truthKey: string;
}

/**
 * The person-bearing records of a generated feed in feed order (decoded and validated as intake does),
 * and the truth: record key → the generator's person behind it.
 */
export function streamRecords(feed: GeneratedFeed): { records: StreamRecord[]; truth: Map<string, string> } {
  const truth = new Map(
    feed.truth.records.map((r) => [`${parseSource(r.source)!.department}|${r.sourcePersonId}`, r.personId]),
  );
  const known = new Set(ALL_EVENT_TYPES);
  const records: StreamRecord[] = [];
  for (const m of feed.messages) {
    const e = decodeCloudEvent(m.value, m.headers, m.department, known);
    const person = validatePayload(e.type, e.data).person as StreamRecord['person'] | undefined;
    if (person) records.push({ source: e.source, person, truthKey: `${m.department}|${person.sourcePersonId}` });
  }
  return { records, truth };
}
