import { Injectable, Logger } from '@nestjs/common';
import { FellegiSunterModel, IDENTITY_FIELDS, defaultIdentityModel } from '@hub/matching';
import { MatcherSettings } from './matcher.settings';

const BUFFER = 200_000;

/**
 * The Fellegi-Sunter model in use: the priors, and, only when MATCHER_EM_EVERY is set (off by default, see
 * there), m re-estimated by EM from the comparisons the matcher has made. Every decision publishes the
 * weights it used, so a later re-estimate never hides why an earlier decision was taken.
 */
@Injectable()
export class MatchModelService {
  private readonly logger = new Logger('MatchModel');
  private current: FellegiSunterModel = defaultIdentityModel();
  /** The latest BUFFER comparison vectors, as a ring: Array.shift() on a full buffer cost O(BUFFER) a vector. */
  private readonly vectors: string[][] = [];
  private next = 0;
  private sinceEstimate = 0;

  constructor(private readonly settings: MatcherSettings) {}

  get model(): FellegiSunterModel {
    return this.current;
  }

  observe(vectors: string[][]): void {
    if (this.settings.MATCHER_EM_EVERY === 0) return;
    for (const v of vectors) {
      if (this.vectors.length < BUFFER) this.vectors.push(v);
      else this.vectors[this.next] = v;
      this.next = (this.next + 1) % BUFFER;
    }
    this.sinceEstimate += vectors.length;
    if (this.sinceEstimate >= this.settings.MATCHER_EM_EVERY) {
      this.sinceEstimate = 0;
      // u stays the starting model's (population chance agreement): see FellegiSunterModel.estimate.
      this.current = FellegiSunterModel.estimate(IDENTITY_FIELDS, this.vectors, { fixedU: defaultIdentityModel().u });
      this.logger.log(
        `re-estimated m by EM from ${this.vectors.length} comparisons (match share ${this.current.prior.toFixed(3)})`,
      );
    }
  }
}
