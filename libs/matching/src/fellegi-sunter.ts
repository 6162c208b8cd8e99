/**
 * Fellegi-Sunter record-pair model with m and u probabilities estimated by EM, without labelled data.
 * A comparison vector gives one level per field; MISSING (or any level named in `neutral`) carries no
 * evidence. The match weight of a level is log2(m / u); a pair's score is the sum over fields, and its
 * match probability follows from the prior λ. Vectors are counted by pattern first, so EM runs over a
 * few hundred distinct patterns however many pairs there are.
 */
export interface FieldSpec {
  field: string;
  /** Levels from strongest agreement to disagreement, e.g. EXACT, SIMILAR, DIFFERENT. */
  levels: string[];
}

export interface FieldWeight {
  field: string;
  level: string;
  weight: number;
}

/** Replaces the u probability of one field's level for the pair at hand; undefined keeps the model's. */
export type UAdjustment = (field: string, level: string, modelU: number) => number | undefined;

const NEUTRAL = 'MISSING';
const FLOOR = 1e-6;

export class FellegiSunterModel {
  constructor(
    readonly fields: FieldSpec[],
    readonly m: number[][],
    readonly u: number[][],
    readonly prior: number,
  ) {}

  private levelIndex(f: number, level: string): number {
    return this.fields[f].levels.indexOf(level);
  }

  /**
   * Per-field weights. `adjustU` may replace u for a field and level by the chance that two different
   * people share this particular value (term-frequency adjustment: two records named 王伟 agree by
   * chance far more often than two named 欧阳翠花).
   */
  weights(vector: string[], adjustU?: UAdjustment): FieldWeight[] {
    return vector.map((level, f) => {
      const i = this.levelIndex(f, level);
      if (level === NEUTRAL || i < 0) return { field: this.fields[f].field, level, weight: 0 };
      const u = adjustU?.(this.fields[f].field, level, this.u[f][i]) ?? this.u[f][i];
      return {
        field: this.fields[f].field,
        level,
        weight: Math.log2(Math.max(this.m[f][i], FLOOR) / Math.max(u, FLOOR)),
      };
    });
  }

  score(vector: string[], adjustU?: UAdjustment): number {
    return this.weights(vector, adjustU).reduce((s, w) => s + w.weight, 0);
  }

  /** Posterior probability that the pair is a match. */
  probability(vector: string[]): number {
    const odds = (this.prior / (1 - this.prior)) * 2 ** this.score(vector);
    return odds / (1 + odds);
  }

  /** The score at which the posterior is 0.5. */
  get evenOddsScore(): number {
    return Math.log2((1 - this.prior) / this.prior);
  }

  /**
   * EM over comparison vectors. With `fixedU`, only m and the prior are estimated and u is kept: the
   * vectors a blocking index yields are pairs that already share a name or a birth date, so u estimated
   * from them is the chance agreement *among candidates*, not among the population, and makes a shared
   * name and birth date look like weak evidence (13.5 bits instead of ~21 on a county's feed, splitting
   * people whose second record lacks an ID number). A streaming matcher scores against a fixed
   * threshold, so its u must stay the population's (priors and term frequencies).
   */
  static estimate(
    fields: FieldSpec[],
    vectors: Iterable<string[]>,
    options: { iterations?: number; initialPrior?: number; fixedU?: number[][] } = {},
  ): FellegiSunterModel {
    // Count identical vectors once.
    const patterns = new Map<string, { levels: number[]; count: number }>();
    for (const v of vectors) {
      const key = v.join('|');
      const p = patterns.get(key);
      if (p) p.count++;
      else
        patterns.set(key, {
          levels: v.map((level, f) => (level === NEUTRAL ? -1 : fields[f].levels.indexOf(level))),
          count: 1,
        });
    }
    const list = [...patterns.values()];
    // Start: matches mostly agree fully, non-matches are spread like the data.
    const m = fields.map((f) => f.levels.map((_, i) => (i === 0 ? 0.9 : 0.1 / Math.max(1, f.levels.length - 1))));
    const u =
      options.fixedU?.map((levels) => [...levels]) ??
      fields.map((f, fi) => {
        const counts = f.levels.map(() => 1);
        for (const p of list) if (p.levels[fi] >= 0) counts[p.levels[fi]] += p.count;
        const total = counts.reduce((a, b) => a + b, 0);
        return counts.map((c) => c / total);
      });
    let prior = options.initialPrior ?? 0.01;
    for (let iteration = 0; iteration < (options.iterations ?? 50); iteration++) {
      const mSum = fields.map((f) => f.levels.map(() => 1e-9));
      const uSum = fields.map((f) => f.levels.map(() => 1e-9));
      let matchMass = 0;
      let total = 0;
      for (const p of list) {
        let pm = prior;
        let pu = 1 - prior;
        p.levels.forEach((l, f) => {
          if (l < 0) return;
          pm *= m[f][l];
          pu *= u[f][l];
        });
        const g = pm / (pm + pu);
        matchMass += g * p.count;
        total += p.count;
        p.levels.forEach((l, f) => {
          if (l < 0) return;
          mSum[f][l] += g * p.count;
          uSum[f][l] += (1 - g) * p.count;
        });
      }
      for (let f = 0; f < fields.length; f++) {
        const ms = mSum[f].reduce((a, b) => a + b, 0);
        const us = uSum[f].reduce((a, b) => a + b, 0);
        for (let l = 0; l < fields[f].levels.length; l++) {
          m[f][l] = mSum[f][l] / ms;
          if (!options.fixedU) u[f][l] = uSum[f][l] / us;
        }
      }
      prior = Math.min(0.999, Math.max(1e-6, matchMass / total));
    }
    return new FellegiSunterModel(fields, m, u, prior);
  }
}
