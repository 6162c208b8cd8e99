import { FellegiSunterModel, FieldWeight } from '../fellegi-sunter';
import { DecisionOutcome, MatchDecision, MatchThresholds, decideMatch } from '../match-decision';
import { IdentityBlock, MatchIdentity } from '../match-identity';
import { recordKeyOf } from '@hub/contract';
import { LinkWorkspace, LinkedRecord } from './link-workspace';
import { IDENTITY_PROFILE, LinkingProfile } from './linking-profile';

/** A department record as an event names it: the identity block of contract section 4 and the household. */
export interface IncomingRecord {
  source: string;
  person: IdentityBlock & { sourcePersonId: string };
  /** The department's household, when the event names one. */
  household?: { householdId: string; role?: string };
}

/** Which record is being linked, whatever its profile. */
export interface RecordRef {
  source: string;
  sourcePersonId: string;
  household?: IncomingRecord['household'];
}

export interface RecordLink {
  source: string;
  sourcePersonId: string;
  /** The person joined, or proposed for review with POSSIBLE_MATCH. */
  personId: string;
  decision: MatchDecision;
  score: number;
  reasons: FieldWeight[];
}

export interface LinkOutcome {
  /** Where the record now belongs (survivor of any merge), for annotating its events. */
  personId: string;
  householdId: string | null;
  /** HOUSEHOLD_AUTHORITY when civil affairs placed the person in that household; null otherwise. */
  householdPlacedBy: string | null;
  /** A new decision to publish; absent when the record was already linked with this identity, or by hand. */
  link?: RecordLink;
  merged?: { survivorId: string; mergedIds: string[] };
  /** Comparison vectors made, for EM. */
  comparisons: string[][];
}

export interface LinkingPolicy<I = MatchIdentity> {
  model: FellegiSunterModel;
  thresholds: MatchThresholds;
  profile?: LinkingProfile<I>;
  /** Adjust the name weight by the name's frequency (on by default). */
  termFrequency?: boolean;
}

/** JSON with sorted keys: jsonb does not keep key order, so plain JSON.stringify would never compare equal. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export const sameIdentity = <I>(a: I, b: I): boolean => canonical(a) === canonical(b);

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A decision's score and per-field weights as they are stored and published (two decimals). */
export function publishedEvidence(outcome: DecisionOutcome): { score: number; reasons: FieldWeight[] } {
  return {
    score: Number.isFinite(outcome.score) ? round2(outcome.score) : 0,
    reasons: outcome.reasons.map((r) => ({ ...r, weight: round2(r.weight) })),
  };
}

/** A record of a chunk as it will be linked: the identity it comes with and the keys it would probe. */
export interface ChunkRecord<I = MatchIdentity> extends RecordRef {
  identity: I;
  probeKeys: string[];
}

/** linkRecord compares such a record with nobody: it comes as stored, or a reviewer fixed it. */
const linkedAsItIs = <I>(stored: LinkedRecord<I> | undefined, identity: I): boolean =>
  !!stored && (stored.manual || sameIdentity(stored.identity, identity));

/**
 * The probe keys a chunk must read candidates under, once its records as stored are in the workspace: most events
 * name a record the hub holds already, unchanged, and linkRecord compares those with nobody. A record with another
 * copy in the chunk that changes it is compared at each copy, so all its copies' keys are read.
 */
export function keysToProbe<I>(ws: LinkWorkspace<I>, chunk: ChunkRecord<I>[]): string[] {
  const compared = new Set(
    chunk
      .filter((r) => !linkedAsItIs(ws.record(r.source, r.sourcePersonId), r.identity))
      .map((r) => recordKeyOf(r.source, r.sourcePersonId)),
  );
  return [
    ...new Set(chunk.filter((r) => compared.has(recordKeyOf(r.source, r.sourcePersonId))).flatMap((r) => r.probeKeys)),
  ];
}

/**
 * Ties one department record to a hub person inside a workspace: skip it when nothing changed or a
 * reviewer fixed it; find candidates by probe key; decide (trusted-ID rule, then the model with the
 * record's name frequency); store it under its keys; merge the persons it bridges; place the person in
 * the household the department names. Every step is a pure function of the workspace, so the service
 * and the evaluations link alike.
 */
export function linkRecord<I = MatchIdentity>(
  ws: LinkWorkspace<I>,
  incoming: RecordRef,
  policy: LinkingPolicy<I>,
  identity: I,
): LinkOutcome {
  const profile = policy.profile ?? (IDENTITY_PROFILE as unknown as LinkingProfile<I>);
  const { source, sourcePersonId } = incoming;
  const existing = ws.record(source, sourcePersonId);
  // A record the hub has not seen from this system before is a first registration there, not a move.
  const placeHousehold = (personId: string) =>
    incoming.household?.householdId
      ? ws.placeInDepartmentHousehold(personId, source, incoming.household.householdId, !existing)
      : ws.householdOfPerson(personId);

  if (existing && linkedAsItIs(existing, identity)) {
    const householdId = placeHousehold(existing.personId);
    return {
      personId: existing.personId,
      householdId,
      householdPlacedBy: ws.householdPlacedBy(existing.personId),
      comparisons: [],
    };
  }

  const keys = profile.keys(identity);
  const term = profile.frequencyTerm(identity);
  const candidates = ws.candidates(keys.probe, recordKeyOf(source, sourcePersonId));
  const adjustU = policy.termFrequency === false || !term ? undefined : ws.names.adjustmentFor(term);
  const outcome = decideMatch(identity, candidates, policy.model, policy.thresholds, adjustU, profile);
  // A record that bridges persons joins the one with the smallest id, which the others merge into:
  // every merge (here and in the matcher's second look) picks its survivor by that one rule, so two
  // merges made at once never point persons at each other.
  const matched = outcome.decision === 'MATCH' ? [outcome.personId!, ...outcome.bridges].sort() : [];
  const personId = matched.length ? matched[0] : (existing?.personId ?? ws.newPerson());
  const { score, reasons } = publishedEvidence(outcome);
  ws.saveRecord(
    {
      source,
      sourcePersonId,
      personId,
      identity,
      manual: false,
      frequencyTerm: term,
      decision: outcome.decision,
      score,
      reasons,
      storedKeys: keys.stored,
      replacedKeys: existing ? profile.keys(existing.identity).stored : [],
    },
    existing && profile.frequencyTerm(existing.identity),
  );

  const result: LinkOutcome = {
    personId,
    householdId: null,
    householdPlacedBy: null,
    // POSSIBLE_MATCH names the proposed person; the record itself stays with its own until review.
    link: {
      source,
      sourcePersonId,
      personId: outcome.decision === 'POSSIBLE_MATCH' ? outcome.personId! : personId,
      decision: outcome.decision,
      score,
      reasons,
    },
    comparisons: outcome.comparisons,
  };
  if (outcome.decision === 'POSSIBLE_MATCH') {
    ws.queueReview({ source, sourcePersonId, candidatePersonId: outcome.personId!, score, reasons });
  }
  if (matched.length > 1) {
    ws.merge(personId, matched.slice(1));
    result.merged = { survivorId: personId, mergedIds: matched.slice(1) };
  }
  result.householdId = placeHousehold(personId);
  result.householdPlacedBy = ws.householdPlacedBy(personId);
  return result;
}
