import { randomUUID } from 'node:crypto';

/** Contract section 6, `persons.links`: the data of a link decision. */
export interface PersonLinkData {
  source: string;
  sourcePersonId: string;
  personId: string;
  decision: 'MATCH' | 'POSSIBLE_MATCH' | 'NEW' | 'MANUAL';
  score: number;
  reasons: { field: string; level: string; weight: number }[];
  /** Extension of contract v1 (optional, additive): the hub household the person is in, if any department named one. */
  householdId?: string | null;
}

/** Contract section 6, `persons.links`: persons merged into a survivor; the merged ids redirect to it. */
export interface PersonMergedData {
  type: 'MERGED';
  survivorId: string;
  mergedIds: string[];
}

/** The message of a merge, from who survived and who merged into it (the one place its `type` is written). */
export function personMerged(merge: { survivorId: string; mergedIds: string[] }): PersonMergedData {
  return { type: 'MERGED', survivorId: merge.survivorId, mergedIds: merge.mergedIds };
}

export const PERSON_LINK_TYPES = { linked: 'assist.person.linked.v1', merged: 'assist.person.merged.v1' } as const;

/** Everything the hub publishes is a structured-mode CloudEvent (contract section 6). */
export function hubCloudEvent(source: string, type: string, data: object, time = new Date()): string {
  return JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data,
  });
}
