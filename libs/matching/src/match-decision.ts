import { FellegiSunterModel, FieldWeight, UAdjustment } from './fellegi-sunter';
import { LinkingProfile, IDENTITY_PROFILE } from './linking/linking-profile';
import { MatchIdentity } from './match-identity';

export type MatchDecision = 'MATCH' | 'POSSIBLE_MATCH' | 'NEW';

export interface MatchThresholds {
  /** Score (sum of log2 weights) at or above which a record joins a person automatically. */
  match: number;
  /** Score at or above which the pair goes to the review queue. */
  possible: number;
}

export interface CandidatePerson<I = MatchIdentity> {
  personId: string;
  identity: I;
}

export interface DecisionOutcome {
  decision: MatchDecision;
  /** The person joined (MATCH) or proposed (POSSIBLE_MATCH); absent for NEW. */
  personId?: string;
  score: number;
  /** Per-field evidence for the chosen candidate, as persons.links publishes it. */
  reasons: FieldWeight[];
  /** Other persons this record also matches: a later record bridging two persons, to be merged. */
  bridges: string[];
  /** The comparison vector against every candidate, for re-estimating the model by EM. */
  comparisons: string[][];
}

/**
 * How much better (log2 of the likelihood ratio) a record must fit one person than another person with a different
 * trusted ID number to be joined to it instead of sent to review: 10 bits, odds of 1,000 to 1. Namesakes born the
 * same day in one region fit a record without an ID number equally, and a reviewer decides; the same phone as one of
 * them (13 bits with the starting model) decides for that one. At 1M persons the rule without a lead sent 22 real
 * persons' records that agreed with them in every field but the missing ID number to review.
 */
export const CLEAR_LEAD = 10;

/** Two persons, by some of their records, one of which carries a trusted ID number the other's contradicts: never one. */
export function heldApart<I>(
  a: I[],
  b: I[],
  profile: LinkingProfile<I> = IDENTITY_PROFILE as unknown as LinkingProfile<I>,
): boolean {
  return a.some((x) => b.some((y) => profile.certain(x, y) === false));
}

/**
 * Decides where a record belongs among its candidates. A trusted ID number decides alone (equal: MATCH,
 * different: never the same person); otherwise the model's score against the thresholds, except that a comparison
 * the profile marks review-only (needsReviewer) goes to review however high it scores. `adjustU` is
 * the record's term-frequency adjustment (NameFrequencies.adjustmentFor), when there is one.
 */
export function decideMatch<I = MatchIdentity>(
  record: I,
  candidates: CandidatePerson<I>[],
  model: FellegiSunterModel,
  thresholds: MatchThresholds,
  adjustU?: UAdjustment,
  profile: LinkingProfile<I> = IDENTITY_PROFILE as unknown as LinkingProfile<I>,
): DecisionOutcome {
  const all = candidates.map((c) => {
    const vector = profile.compare(record, c.identity);
    const reasons = model.weights(vector, adjustU);
    return {
      candidate: c,
      rule: profile.certain(record, c.identity),
      vector,
      score: reasons.reduce((sum, r) => sum + r.weight, 0),
      reasons,
    };
  });
  const comparisons = all.map((s) => s.vector);
  // Candidates are records; a decision is about persons. A person one of whose records carries a
  // trusted ID number other than this record's is someone else, however well another of its records
  // (one without an ID number) fits by name and birth date: at a county's scale, namesakes born on the
  // same day exist, and scoring record by record merged them (49 false duplicate alerts in 200k events).
  const contradicted = new Set(all.filter((s) => s.rule === false).map((s) => s.candidate.personId));
  const scored = all
    .filter((s) => s.rule !== false && !contradicted.has(s.candidate.personId))
    .sort((a, b) => Number(b.rule === true) - Number(a.rule === true) || b.score - a.score);
  const best = scored[0];
  if (!best) return { decision: 'NEW', score: 0, reasons: [], bridges: [], comparisons };
  const matches = (s: (typeof scored)[number]) =>
    s.rule === true || (s.score >= thresholds.match && !profile.reviewOnly?.(s.vector, record, s.candidate.identity));
  if (matches(best)) {
    const others = scored.filter((s) => s !== best && matches(s) && s.candidate.personId !== best.candidate.personId);
    // A record without a trusted ID that fits two people with different trusted IDs (namesakes) is ambiguous,
    // not a bridge: a reviewer decides, unless it fits one of them far better (the same phone as well). People, not
    // the two records that fit best: the record fitting best may lack the ID number another record of its person has.
    const recordsOf = (personId: string) =>
      scored.filter((s) => s.candidate.personId === personId).map((s) => s.candidate.identity);
    const bestRecords = recordsOf(best.candidate.personId);
    const rivals = others.filter((s) => heldApart(bestRecords, recordsOf(s.candidate.personId), profile));
    if (rivals.some((s) => best.score - s.score < CLEAR_LEAD)) {
      return {
        decision: 'POSSIBLE_MATCH',
        personId: best.candidate.personId,
        score: best.score,
        reasons: best.reasons,
        bridges: [],
        comparisons,
      };
    }
    return {
      decision: 'MATCH',
      personId: best.candidate.personId,
      score: best.score,
      reasons: best.reasons,
      bridges: [...new Set(others.filter((s) => !rivals.includes(s)).map((s) => s.candidate.personId))],
      comparisons,
    };
  }
  if (best.score >= thresholds.possible)
    return {
      decision: 'POSSIBLE_MATCH',
      personId: best.candidate.personId,
      score: best.score,
      reasons: best.reasons,
      bridges: [],
      comparisons,
    };
  return { decision: 'NEW', score: best.score, reasons: best.reasons, bridges: [], comparisons };
}

/**
 * An open review pair decided again once the record's own person has gained records: the record among its own
 * person's other records and the proposed person's (`candidates`, found by its probe keys). The pair is settled by
 * rule only when both hold: the two persons are held apart by trusted ID numbers (`heldApart`: a record that joined
 * the record's person carries one the proposed person's contradicts), and the record now joins its own person
 * outright (no bridge, the proposed person no rival). Then no order of the same records would have asked a reviewer
 * about the two (a fault run's restart reordered 扎西·顿珠's records and left such a pair open). Without the ID numbers
 * the question stands however well the record fits its own person: its person may still be the proposed one, and had
 * the records come in another order, the record that joined would have been sent to review instead (closing such
 * pairs at 1M left 7 confirmed omissions on real persons split in two). Returns the decision, or undefined when the
 * pair stays with the reviewer.
 */
export function settleReviewPair<I = MatchIdentity>(
  record: I,
  pair: { personId: string; candidatePersonId: string },
  candidates: CandidatePerson<I>[],
  model: FellegiSunterModel,
  thresholds: MatchThresholds,
  adjustU?: UAdjustment,
  profile: LinkingProfile<I> = IDENTITY_PROFILE as unknown as LinkingProfile<I>,
): DecisionOutcome | undefined {
  const recordsOf = (personId: string) => candidates.filter((c) => c.personId === personId).map((c) => c.identity);
  const own = recordsOf(pair.personId);
  if (own.length === 0 || !heldApart([record, ...own], recordsOf(pair.candidatePersonId), profile)) return undefined;
  const outcome = decideMatch(record, candidates, model, thresholds, adjustU, profile);
  const joinsOwn = outcome.decision === 'MATCH' && outcome.personId === pair.personId && outcome.bridges.length === 0;
  return joinsOwn ? outcome : undefined;
}
