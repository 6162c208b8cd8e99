import { FellegiSunterModel, FieldWeight } from './fellegi-sunter';
import { MatchIdentity, certainRule, compareIdentities } from './match-identity';

export type MatchDecision = 'MATCH' | 'POSSIBLE_MATCH' | 'NEW';

export interface MatchThresholds {
  /** Score (sum of log2 weights) at or above which a record joins a person automatically. */
  match: number;
  /** Score at or above which the pair goes to the review queue. */
  possible: number;
}

export interface CandidatePerson {
  personId: string;
  identity: MatchIdentity;
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
}

/**
 * Decides where a record belongs among its candidates. A trusted ID number decides alone (equal: MATCH,
 * different: never the same person); otherwise the model's score against the thresholds.
 */
export function decideMatch(record: MatchIdentity, candidates: CandidatePerson[], model: FellegiSunterModel, thresholds: MatchThresholds): DecisionOutcome {
  const scored = candidates
    .map((c) => {
      const vector = compareIdentities(record, c.identity);
      const rule = certainRule(record, c.identity);
      return { candidate: c, rule, score: model.score(vector), reasons: model.weights(vector) };
    })
    .filter((s) => s.rule !== false)
    .sort((a, b) => Number(b.rule === true) - Number(a.rule === true) || b.score - a.score);
  const best = scored[0];
  if (!best) return { decision: 'NEW', score: 0, reasons: [], bridges: [] };
  const matches = (s: (typeof scored)[number]) => s.rule === true || s.score >= thresholds.match;
  if (matches(best)) {
    const others = scored.filter((s) => s !== best && matches(s) && s.candidate.personId !== best.candidate.personId);
    // A record without a trusted ID that fits two people with different trusted IDs (namesakes) is
    // ambiguous, not a bridge: a reviewer decides.
    if (others.some((s) => certainRule(best.candidate.identity, s.candidate.identity) === false)) {
      return { decision: 'POSSIBLE_MATCH', personId: best.candidate.personId, score: best.score, reasons: best.reasons, bridges: [] };
    }
    return { decision: 'MATCH', personId: best.candidate.personId, score: best.score, reasons: best.reasons, bridges: [...new Set(others.map((s) => s.candidate.personId))] };
  }
  if (best.score >= thresholds.possible) return { decision: 'POSSIBLE_MATCH', personId: best.candidate.personId, score: best.score, reasons: best.reasons, bridges: [] };
  return { decision: 'NEW', score: best.score, reasons: best.reasons, bridges: [] };
}
