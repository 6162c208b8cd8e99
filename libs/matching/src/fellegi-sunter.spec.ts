import { SeededRandom } from '../../../test/generator/random';
import { FellegiSunterModel } from './fellegi-sunter';

/** Synthetic pairs with known m and u: EM must find them back without labels. */
function synthetic(seed: number): { vectors: string[][]; labels: boolean[] } {
  const random = new SeededRandom(seed);
  const rnd = () => random.next();
  const pick = (p: number[], levels: string[]) => {
    let r = rnd();
    for (let i = 0; i < p.length; i++) if ((r -= p[i]) < 0) return levels[i];
    return levels[levels.length - 1];
  };
  const vectors: string[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < 20000; i++) {
    const match = rnd() < 0.1;
    labels.push(match);
    vectors.push([
      pick(match ? [0.9, 0.08, 0.02] : [0.01, 0.04, 0.95], ['EXACT', 'SIMILAR', 'DIFFERENT']),
      pick(match ? [0.95, 0.05] : [0.05, 0.95], ['EXACT', 'DIFFERENT']),
      rnd() < 0.2 ? 'MISSING' : pick(match ? [0.85, 0.15] : [0.1, 0.9], ['EXACT', 'DIFFERENT']),
    ]);
  }
  return { vectors, labels };
}

describe('FellegiSunterModel.estimate', () => {
  const fields = [
    { field: 'name', levels: ['EXACT', 'SIMILAR', 'DIFFERENT'] },
    { field: 'birthDate', levels: ['EXACT', 'DIFFERENT'] },
    { field: 'phone', levels: ['EXACT', 'DIFFERENT'] },
  ];
  const { vectors, labels } = synthetic(7);
  const model = FellegiSunterModel.estimate(fields, vectors);

  it('recovers the match rate and the m and u probabilities without labels', () => {
    expect(model.prior).toBeCloseTo(0.1, 1);
    expect(model.m[0][0]).toBeCloseTo(0.9, 1);
    expect(model.u[0][2]).toBeCloseTo(0.95, 1);
    expect(model.m[1][0]).toBeCloseTo(0.95, 1);
  });

  it('gives missing fields no weight and agreement positive weight', () => {
    const w = model.weights(['EXACT', 'DIFFERENT', 'MISSING']);
    expect(w[0].weight).toBeGreaterThan(3);
    expect(w[1].weight).toBeLessThan(-2);
    expect(w[2].weight).toBe(0);
  });

  it('classifies the synthetic pairs well', () => {
    let correct = 0;
    vectors.forEach((v, i) => {
      if (model.probability(v) >= 0.5 === labels[i]) correct++;
    });
    expect(correct / vectors.length).toBeGreaterThan(0.97);
  });

  it('with fixed u, estimates m and the match rate and keeps u as given', () => {
    const u = [
      [0.01, 0.04, 0.95],
      [0.05, 0.95],
      [0.1, 0.9],
    ];
    const fixed = FellegiSunterModel.estimate(fields, vectors, { fixedU: u });
    expect(fixed.u).toEqual(u);
    expect(fixed.u[0]).not.toBe(u[0]); // a copy: the caller's priors are not the model's to change
    expect(fixed.prior).toBeCloseTo(0.1, 1);
    expect(fixed.m[0][0]).toBeCloseTo(0.9, 1);
    expect(fixed.m[1][0]).toBeCloseTo(0.95, 1);
  });
});
