import { DEFAULT_RESTART_POLICY, nextRestart } from './restart-policy';

describe('nextRestart', () => {
  it('waits 1 s, then doubles while the process keeps dying soon after start', () => {
    let attempt = 0;
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = nextRestart(attempt, 2_000);
      attempt = d.attempt;
      delays.push(d.delayMs);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(attempt).toBe(5);
  });

  it('never waits longer than 30 s, however long the streak', () => {
    expect(nextRestart(5, 0)).toEqual({ attempt: 6, delayMs: 30_000 });
    expect(nextRestart(2_000, 0)).toEqual({ attempt: 2_001, delayMs: 30_000 });
  });

  it('starts the count again after a stable minute', () => {
    expect(nextRestart(7, 60_000)).toEqual({ attempt: 1, delayMs: 1_000 });
    expect(nextRestart(7, 59_999)).toEqual({ attempt: 8, delayMs: 30_000 });
  });

  it('follows the policy it is given', () => {
    const policy = { ...DEFAULT_RESTART_POLICY, initialDelayMs: 100, maxDelayMs: 250, stableMs: 1_000 };
    expect([1, 2, 3].map((n) => nextRestart(n - 1, 0, policy).delayMs)).toEqual([100, 200, 250]);
    expect(nextRestart(3, 1_000, policy)).toEqual({ attempt: 1, delayMs: 100 });
  });
});
