import { PasswordCheckGate } from './password-check-gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('PasswordCheckGate', () => {
  it('runs at most `running` checks at once, lines up `waiting` more, and turns away the rest without running them', async () => {
    const gate = new PasswordCheckGate({ running: 2, waiting: 1 });
    const release = [deferred(), deferred(), deferred()];
    let started = 0;
    let ranTurnedAway = false;
    const first = gate.run(async () => {
      started++;
      await release[0].promise;
      return 'a';
    });
    const second = gate.run(async () => {
      started++;
      await release[1].promise;
      return 'b';
    });
    const third = gate.run(async () => {
      started++;
      await release[2].promise;
      return 'c';
    });
    const fourth = await gate.run(async () => {
      ranTurnedAway = true;
      return 'd';
    });
    expect(fourth).toBeUndefined();
    expect(ranTurnedAway).toBe(false);
    await Promise.resolve();
    expect(started).toBe(2);
    release[0].resolve();
    expect(await first).toEqual({ value: 'a' });
    await new Promise((r) => setImmediate(r));
    expect(started).toBe(3); // the one in line got the freed turn
    release[1].resolve();
    release[2].resolve();
    expect(await Promise.all([second, third])).toEqual([{ value: 'b' }, { value: 'c' }]);
    // All turns given back: two run at once again.
    const again = [deferred(), deferred()];
    const both = [gate.run(() => again[0].promise), gate.run(() => again[1].promise)];
    await Promise.resolve();
    again.forEach((d) => d.resolve());
    expect(await Promise.all(both)).toEqual([{ value: undefined }, { value: undefined }]);
  });

  it('gives the turn back when a check fails', async () => {
    const gate = new PasswordCheckGate({ running: 1, waiting: 0 });
    await expect(
      gate.run(async () => {
        throw new Error('scrypt failed');
      }),
    ).rejects.toThrow('scrypt failed');
    expect(await gate.run(async () => 1)).toEqual({ value: 1 });
  });
});
