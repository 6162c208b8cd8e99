import { LinkOutcome } from '@hub/matching';
import { RecordToLink, groupedOutputs } from './grouped-outputs';
import { LinkingOutputs } from './record-linker';
import { SettledReview } from './review/review-settlement';

/** A batch's outputs that say which batch made each message and from which outcomes. */
function batchOutputs(batch: string): LinkingOutputs {
  return {
    decisions: (outcomes) => outcomes.map((o) => ({ topic: batch, key: o?.personId ?? null, value: 'decision' })),
    secondLook: (found, settled) => [
      ...found.map((m) => ({ topic: batch, key: m.survivorId, value: 'merge' })),
      ...settled.map((s) => ({ topic: batch, key: s.link.personId, value: 'settled' })),
    ],
  };
}

const outcome = (personId: string) => ({ personId }) as LinkOutcome;
const records = (outputs: LinkingOutputs, n: number) =>
  Array.from({ length: n }, () => ({ record: {}, outputs }) as RecordToLink);

describe('groupedOutputs', () => {
  it("gives each batch's outputs the outcomes of its own records, in order", () => {
    const a = batchOutputs('a');
    const b = batchOutputs('b');
    const grouped = groupedOutputs([...records(a, 2), ...records(b, 1)]);
    expect(grouped.decisions([outcome('P1'), outcome('P2'), outcome('P3')])).toEqual([
      { topic: 'a', key: 'P1', value: 'decision' },
      { topic: 'a', key: 'P2', value: 'decision' },
      { topic: 'b', key: 'P3', value: 'decision' },
    ]);
  });

  it("sends the second look's merges, and the review pairs they settled, once, with the first batch's outputs", () => {
    const grouped = groupedOutputs([...records(batchOutputs('a'), 1), ...records(batchOutputs('b'), 1)]);
    const settled = { reviewId: '7', candidatePersonId: 'P8', link: { personId: 'P1' }, householdId: null };
    expect(grouped.secondLook([{ survivorId: 'P1', mergedIds: ['P9'] }], [settled as SettledReview])).toEqual([
      { topic: 'a', key: 'P1', value: 'merge' },
      { topic: 'a', key: 'P1', value: 'settled' },
    ]);
    expect(grouped.secondLook([], [])).toEqual([]);
  });
});
