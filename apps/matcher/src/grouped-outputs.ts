import { IncomingRecord } from '@hub/matching';
import { LinkingOutputs } from './record-linker';

/** A record to link, with what its batch stores with it (the messages describing its decision). */
export interface RecordToLink {
  record: IncomingRecord;
  outputs: LinkingOutputs;
}

/**
 * The outputs of records of several batches linked together: each batch's decisions from its own records (its
 * partition, its event times); merges found by the second look (and the review pairs they settled), which no single
 * record owns, go with the first batch's (the detector redirects merged persons whichever partition the merge arrives on).
 */
export function groupedOutputs(group: RecordToLink[]): LinkingOutputs {
  return {
    decisions: (outcomes) => {
      const messages: ReturnType<LinkingOutputs['decisions']> = [];
      for (let start = 0; start < group.length;) {
        let end = start + 1;
        while (end < group.length && group[end].outputs === group[start].outputs) end++;
        messages.push(...group[start].outputs.decisions(outcomes.slice(start, end)));
        start = end;
      }
      return messages;
    },
    secondLook: (found, settled) => (found.length || settled.length ? group[0].outputs.secondLook(found, settled) : []),
  };
}
