import { skewedPartition } from './fault-scenarios';
import { restartDelayMs } from './supervised-service';

describe('skewedPartition', () => {
  it('puts about the heavy share of keys on partition 0 and the same key always on the same partition', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `MZ-${i}`);
    const placed = keys.map((k) => skewedPartition(k, 6, 0.8));
    const heavy = placed.filter((p) => p === 0).length / keys.length;
    expect(heavy).toBeGreaterThan(0.75);
    expect(heavy).toBeLessThan(0.85);
    expect(new Set(placed)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(keys.map((k) => skewedPartition(k, 6, 0.8))).toEqual(placed);
  });
});

describe('restartDelayMs', () => {
  it('doubles with each quick exit in a row, up to 8 s', () => {
    expect([0, 1, 2, 3, 4, 10].map(restartDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });
});
