import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityBlock, MatchIdentity, blockingKeys, compareIdentities, decideMatch, toMatchIdentity } from '@hub/matching';
import { PersonLinkData, PersonMergedData } from '@hub/topics';
import { MatchModelService } from './match-model.service';
import { MatcherSettings } from './matcher.settings';
import { PersonStore } from './person-store';

export interface LinkResult {
  link?: PersonLinkData;
  merged?: PersonMergedData;
}

/** JSON with sorted keys: jsonb does not keep key order, so plain JSON.stringify would never compare equal. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const sameIdentity = (a: MatchIdentity, b: MatchIdentity) => canonical(a) === canonical(b);

/**
 * Ties one department record to a hub person, in one transaction: find candidates by blocking key,
 * decide (trusted ID rule, then the model), store the record and its keys, merge persons the record
 * bridges. A record a reviewer linked or unlinked by hand is left alone.
 */
@Injectable()
export class RecordLinker {
  constructor(
    private readonly db: DataSource,
    private readonly store: PersonStore,
    private readonly model: MatchModelService,
    private readonly settings: MatcherSettings,
  ) {}

  async link(source: string, person: IdentityBlock & { sourcePersonId: string }): Promise<LinkResult> {
    const identity = toMatchIdentity(person);
    const keys = blockingKeys(identity);
    const { result, vectors } = await this.db.transaction(async (tx) => {
      // Two instances must never create two persons for one ID number: records carrying the same
      // first 17 digits (valid or not) are linked one at a time.
      if (identity.id && identity.id.kind !== 'MALFORMED') await this.store.lockIdNumber(tx, identity.id.normalized.slice(0, 17));
      const existing = await this.store.record(tx, source, person.sourcePersonId);
      if (existing && (existing.manual || sameIdentity(existing.identity, identity))) return { result: {}, vectors: [] };

      const candidates = await this.store.candidates(tx, keys, source, person.sourcePersonId);
      const model = this.model.model;
      const outcome = decideMatch(identity, candidates.map((c) => ({ personId: c.personId, identity: c.identity })), model, {
        match: this.settings.MATCH_THRESHOLD,
        possible: this.settings.POSSIBLE_MATCH_THRESHOLD,
      });
      let personId = outcome.decision === 'MATCH' ? outcome.personId! : existing?.personId;
      if (!personId) {
        personId = this.store.newPersonId();
        await this.store.createPerson(tx, personId);
      }
      await this.store.saveRecord(tx, { source, sourcePersonId: person.sourcePersonId, personId, identity, decision: outcome.decision, score: outcome.score, reasons: outcome.reasons }, keys);
      const result: LinkResult = {
        link: {
          source,
          sourcePersonId: person.sourcePersonId,
          // POSSIBLE_MATCH names the proposed person; the record itself stays with its own until review.
          personId: outcome.decision === 'POSSIBLE_MATCH' ? outcome.personId! : personId,
          decision: outcome.decision,
          score: Math.round(outcome.score * 100) / 100,
          reasons: outcome.reasons.map((r) => ({ ...r, weight: Math.round(r.weight * 100) / 100 })),
        },
      };
      if (outcome.decision === 'POSSIBLE_MATCH') {
        await this.store.queueReview(tx, source, person.sourcePersonId, outcome.personId!, result.link!.score, result.link!.reasons);
      }
      if (outcome.decision === 'MATCH' && outcome.bridges.length) {
        await this.store.merge(tx, personId, outcome.bridges);
        result.merged = { type: 'MERGED', survivorId: personId, mergedIds: outcome.bridges };
      }
      return { result, vectors: candidates.map((c) => compareIdentities(identity, c.identity)) };
    });
    this.model.observe(vectors);
    return result;
  }
}
