import { UAdjustment } from './fellegi-sunter';

/** Name levels on which two records carry the same name value, where that value's frequency is the evidence. */
const SAME_NAME_LEVELS = new Set(['EXACT', 'EXACT_AFTER_SIMPLIFICATION']);

/**
 * How many department records carry each normalised name, for term-frequency adjustment: agreeing on
 * 王伟 is weaker evidence than agreeing on 欧阳翠花. The chance that two different people share name t
 * is its share of records, smoothed towards the model's u with PSEUDO_RECORDS imaginary records (so a
 * young hub with few records keeps the model's weight instead of swinging on tiny counts), and never
 * below a tenth of the model's u (so a name alone, however rare, cannot make a match: 13 bits at most
 * with the starting model, under the 15 a match needs).
 */
export class NameFrequencies {
  static readonly PSEUDO_RECORDS = 1000;

  constructor(
    private readonly counts: Map<string, number> = new Map(),
    private total = 0,
  ) {}

  get records(): number {
    return this.total;
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** A record carrying `name` was stored (delta 1) or changed its name away from it (delta -1). */
  add(name: string, delta: number): void {
    if (!name) return;
    this.counts.set(name, Math.max(0, this.count(name) + delta));
    this.total = Math.max(0, this.total + delta);
  }

  share(name: string, modelU: number): number {
    const smoothed =
      (this.count(name) + NameFrequencies.PSEUDO_RECORDS * modelU) / (this.total + NameFrequencies.PSEUDO_RECORDS);
    return Math.max(modelU / 10, smoothed);
  }

  /** The u adjustment for comparing a record named `name` with its candidates. */
  adjustmentFor(name: string): UAdjustment {
    return (field, level, modelU) =>
      field === 'name' && SAME_NAME_LEVELS.has(level) ? this.share(name, modelU) : undefined;
  }
}
