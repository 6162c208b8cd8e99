import { GroupCommit } from './group-commit';

/** A run that doubles its inputs and remembers what each run held. */
function doubling(fail: (inputs: number[]) => Error | undefined = () => undefined) {
  const runs: number[][] = [];
  const group = new GroupCommit<number, number>(async (inputs) => {
    runs.push(inputs);
    await new Promise((r) => setTimeout(r, 5));
    const error = fail(inputs);
    if (error) throw error;
    return inputs.map((n) => n * 2);
  });
  return { group, runs };
}

describe('GroupCommit', () => {
  it('runs the submissions of one turn once, and gives each its own outputs in order', async () => {
    const { group, runs } = doubling();
    const [a, b, c] = await Promise.all([group.submit([1, 2]), group.submit([3]), group.submit([4, 5, 6])]);
    expect(runs).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect([a, b, c]).toEqual([[2, 4], [6], [8, 10, 12]]);
    expect(group.counts).toEqual({ runs: 1, submissions: 3 });
  });

  it('groups what is submitted while a run is in flight into the next run', async () => {
    const { group, runs } = doubling();
    const first = group.submit([1]);
    await new Promise((r) => setImmediate(r)); // the first run has started
    const later = [group.submit([2]), group.submit([3])];
    expect(await first).toEqual([2]);
    expect(await Promise.all(later)).toEqual([[4], [6]]);
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('runs each submission alone when the group fails, so the failure lands on the one it belongs to', async () => {
    const { group, runs } = doubling((inputs) => (inputs.includes(13) ? new Error('refused: 13') : undefined));
    const outcomes = await Promise.allSettled([group.submit([1]), group.submit([13, 14]), group.submit([2])]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: [2] },
      { status: 'rejected', reason: new Error('refused: 13') },
      { status: 'fulfilled', value: [4] },
    ]);
    expect(runs).toEqual([[1, 13, 14, 2], [1], [13, 14], [2]]);
  });

  it('fails every submission at once when the database is away (no run alone), and works again after', async () => {
    let down = true;
    const { group, runs } = doubling(() =>
      down ? Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) : undefined,
    );
    const outcomes = await Promise.allSettled([group.submit([1]), group.submit([2])]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toEqual([[1, 2]]);
    down = false;
    expect(await Promise.all([group.submit([1]), group.submit([2])])).toEqual([[2], [4]]);
  });

  it('gives work without outputs an empty array per submission', async () => {
    const published: string[][] = [];
    const group = new GroupCommit<string, never>(async (messages) => {
      published.push(messages);
      return [];
    });
    expect(await Promise.all([group.submit(['a']), group.submit(['b', 'c'])])).toEqual([[], []]);
    expect(published).toEqual([['a', 'b', 'c']]);
  });

  it('keeps up to `inFlight` runs going, each with what was queued when it started', async () => {
    let active = 0;
    let most = 0;
    const runs: number[][] = [];
    const group = new GroupCommit<number, number>(async (inputs) => {
      runs.push(inputs);
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
      return inputs;
    }, 2);
    const first = [group.submit([1]), group.submit([2])];
    await new Promise((r) => setImmediate(r)); // the first run has started with 1 and 2
    const second = [group.submit([3]), group.submit([4])];
    await new Promise((r) => setImmediate(r)); // a second run starts beside it with 3 and 4
    const third = [group.submit([5])];
    expect(await Promise.all([...first, ...second, ...third])).toEqual([[1], [2], [3], [4], [5]]);
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
    expect(most).toBe(2);
  });
});
