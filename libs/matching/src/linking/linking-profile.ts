import { RecordKeys, recordKeys } from '../blocking-keys';
import { MatchIdentity, certainRule, compareIdentities, needsReviewer } from '../match-identity';

/**
 * What linking needs to know of a kind of record. The hub links department records with the
 * identity profile (contract section 4); the evaluations plug in other field profiles (FEBRL) so the
 * same streaming linking code is measured on public benchmarks.
 */
export interface LinkingProfile<I> {
  keys(identity: I): RecordKeys;
  /** Comparison vector in the model's field order. */
  compare(a: I, b: I): string[];
  /** Deterministic rule before the model: true same, false different, undefined let the model decide. */
  certain(a: I, b: I): boolean | undefined;
  /** A comparison vector that may not join automatically however high it scores (a reviewer decides). */
  reviewOnly?(vector: string[], a: I, b: I): boolean;
  /** The value whose frequency adjusts the name weight (NameFrequencies); '' for none. */
  frequencyTerm(identity: I): string;
}

export const IDENTITY_PROFILE: LinkingProfile<MatchIdentity> = {
  keys: recordKeys,
  compare: compareIdentities,
  certain: certainRule,
  reviewOnly: needsReviewer,
  frequencyTerm: (identity) => identity.name.normalized,
};
