import { LinkOutcome } from '@hub/matching';
import { RecordToLink, groupedOutputs } from './grouped-outputs';
import { LinkingOutputs } from './record-linker';

/** A batch's outputs that say which batch made each message and from which outcomes. */
function batchOutputs(batch: string): LinkingOutputs {
  return {
    decisions: (outcomes) => outcomes.map((o) => ({ topic: batch, key: o?.personId ?? null, value: 'decision' })),
    merges: (found) => found.map((m) => ({ topic: batch, key: m.survivorId, value: 'merge' })),
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

  it("sends the second look's merges once, with the first batch's outputs", () => {
    const grouped = groupedOutputs([...records(batchOutputs('a'), 1), ...records(batchOutputs('b'), 1)]);
    expect(grouped.merges([{ survivorId: 'P1', mergedIds: ['P9'] }])).toEqual([
      { topic: 'a', key: 'P1', value: 'merge' },
    ]);
    expect(grouped.merges([])).toEqual([]);
  });
});
