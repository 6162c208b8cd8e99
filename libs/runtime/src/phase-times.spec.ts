import { PhaseTimes } from './phase-times';

describe('PhaseTimes', () => {
  it('sums the time of each phase and hands on the reading for the next', () => {
    const phases = new PhaseTimes(['seed', 'flush']);
    const start = performance.now() - 40;
    const afterSeed = phases.time('seed', start);
    phases.time('flush', afterSeed - 10);
    phases.time('seed', performance.now() - 5);
    const view = phases.view();
    expect(Object.keys(view)).toEqual(['seed', 'flush']);
    expect(view.seed).toBeGreaterThanOrEqual(45);
    expect(view.flush).toBeGreaterThanOrEqual(10);
    expect(Number.isInteger(view.seed)).toBe(true);
  });

  it('starts every named phase at zero and takes a phase it was not told of', () => {
    const phases = new PhaseTimes(['read']);
    phases.time('publish', performance.now() - 3);
    expect(phases.view().read).toBe(0);
    expect(phases.view().publish).toBeGreaterThanOrEqual(3);
  });
});
