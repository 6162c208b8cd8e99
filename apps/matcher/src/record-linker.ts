import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IncomingRecord, LinkOutcome, LinkWorkspace, LinkingPolicy, MatchIdentity, RecordKeys, decideMatch, linkRecord, recordKeyOf, recordKeys, toMatchIdentity } from '@hub/matching';
import { MatchModelService } from './match-model.service';
import { MatcherSettings } from './matcher.settings';
import { MatcherStats } from './matcher-stats';
import { HOUSEHOLD_RACE, PersonStore } from './person-store';

/** Not PostgreSQL's: an ID number this chunk linked is held by another person. */
const CLAIM_CONFLICT = 'HUB01';

class ClaimConflict extends Error {
  readonly code = CLAIM_CONFLICT;
}

/** PostgreSQL errors after which the whole chunk is simply linked again: deadlock, serialization, a lost insert race. */
const RETRYABLE = new Set(['40P01', '40001', '23505', CLAIM_CONFLICT, HOUSEHOLD_RACE]);
const ATTEMPTS = 8;
/**
 * Upper bound of the random pause before attempt n, n × this (ms). Six partitions starting at once on
 * an empty hub each hold 1,000 records naming the same new households: without a pause the losers
 * retried in step, lost again to the next chunk and ran out of attempts (a consumer restart per run).
 */
const BACKOFF_MS = 150;

/**
 * Links a chunk of department records in one transaction: read what PostgreSQL knows of them into a
 * LinkWorkspace, link them one by one in memory (in order, each seeing the ones before), write the
 * changes back and claim their ID numbers. A chunk that lost a race to another (the same new
 * ID number, the same department household) is linked again. Outcomes are in the order of the records.
 */
@Injectable()
export class RecordLinker {
  private readonly logger = new Logger('RecordLinker');

  constructor(
    private readonly db: DataSource,
    private readonly store: PersonStore,
    private readonly model: MatchModelService,
    private readonly settings: MatcherSettings,
    private readonly stats: MatcherStats,
  ) {}

  async link(source: string, person: IncomingRecord['person'], household?: IncomingRecord['household']): Promise<LinkOutcome> {
    return (await this.linkChunk([{ source, person, household }]))[0];
  }

  async linkChunk(records: IncomingRecord[]): Promise<LinkOutcome[]> {
    const prepared = records.map((r) => {
      const identity = toMatchIdentity(r.person);
      return { record: r, identity, keys: recordKeys(identity) };
    });
    const departmentHouseholds = prepared
      .filter((p) => p.record.household?.householdId)
      .map((p) => ({ source: p.record.source, departmentHouseholdId: p.record.household!.householdId }));
    const lookups = {
      records: records.map((r) => ({ source: r.source, sourcePersonId: r.person.sourcePersonId })),
      probeKeys: [...new Set(prepared.flatMap((p) => p.keys.probe))],
      departmentHouseholds,
      names: [...new Set(prepared.map((p) => p.identity.name.normalized).filter(Boolean))],
    };
    const policy = { model: this.model.model, thresholds: { match: this.settings.MATCH_THRESHOLD, possible: this.settings.POSSIBLE_MATCH_THRESHOLD } };

    return this.retrying(`chunk of ${records.length} records`, async (attempt) => {
      let t = performance.now();
      const chunk = await this.db.transaction(async (tx) => {
        t = this.stats.time('begin', t);
        const ws = new LinkWorkspace(await this.store.nameFrequencies(tx, lookups.names), this.store.ids);
        await this.store.seed(tx, ws, lookups);
        t = this.stats.time('seed', t);
        const linked = prepared.map((p) => linkRecord(ws, { source: p.record.source, sourcePersonId: p.record.person.sourcePersonId, household: p.record.household }, policy, p.identity));
        t = this.stats.time('link', t);
        const replaced = await this.store.flush(tx, ws);
        for (const outcome of linked) if (outcome.householdId && replaced.has(outcome.householdId)) outcome.householdId = replaced.get(outcome.householdId)!;
        const conflicts = await this.store.claimIdNumbers(tx, ws);
        if (conflicts.length && attempt < ATTEMPTS) throw new ClaimConflict(`${conflicts.length} ID number(s) claimed by another person meanwhile`);
        // Still held by another person after every retry: not a race but a reviewer's split; keep both.
        if (conflicts.length) this.logger.warn(`${conflicts.length} ID number(s) linked to a person other than the one that first claimed them`);
        t = this.stats.time('flush', t);
        return { linked, nameDeltas: ws.nameDeltas, adopted: replaced.size };
      });
      t = this.stats.time('commit', t);
      // Counted once committed: a chunk linked again would otherwise count its races twice.
      this.stats.counts.householdsAdopted += chunk.adopted;
      await this.store.addNameCounts(this.db.manager, chunk.nameDeltas);
      this.stats.time('names', t);
      this.model.observe(chunk.linked.flatMap((o) => o.comparisons));
      await this.secondLook(prepared, chunk.linked, policy);
      return chunk.linked;
    });
  }

  /**
   * Chunks linked at the same moment (other partitions, other instances) cannot see each other's new
   * persons: two records of one person without an ID number to claim could both start a person. So
   * after commit, each record this chunk made NEW is compared again with what is committed now; one
   * that now matches another person merges the two (into the smaller id, so two chunks looking at each
   * other make the same merge, never a cycle). The merge is published after the record's NEW link.
   */
  private async secondLook(prepared: { record: IncomingRecord; identity: MatchIdentity; keys: RecordKeys }[], outcomes: LinkOutcome[], policy: LinkingPolicy): Promise<void> {
    const fresh = prepared.map((p, i) => ({ p, outcome: outcomes[i] })).filter(({ outcome }) => outcome.link?.decision === 'NEW');
    if (fresh.length === 0) return;
    const lookups = {
      records: fresh.map(({ p }) => ({ source: p.record.source, sourcePersonId: p.record.person.sourcePersonId })),
      probeKeys: [...new Set(fresh.flatMap(({ p }) => p.keys.probe))],
      departmentHouseholds: [],
      names: [...new Set(fresh.map(({ p }) => p.identity.name.normalized).filter(Boolean))],
    };
    await this.retrying(`second look at ${fresh.length} new records`, async () => {
      const t = performance.now();
      const merges = await this.db.transaction(async (tx) => {
        // Second looks take turns with each other and with every merge (across instances): two at once
        // could each merge before seeing the other's. They are short; chunks still link in parallel.
        await this.store.lockMerges(tx);
        const ws = new LinkWorkspace(await this.store.nameFrequencies(tx, lookups.names), this.store.ids);
        await this.store.seed(tx, ws, lookups);
        const found = new Map<LinkOutcome, { survivorId: string; mergedIds: string[] }>();
        for (const { p, outcome } of fresh) {
          const own = ws.record(p.record.source, p.record.person.sourcePersonId);
          if (!own || own.manual) continue;
          const others = ws.candidates(p.keys.probe, recordKeyOf(own.source, own.sourcePersonId)).filter((c) => c.personId !== own.personId);
          if (others.length === 0) continue;
          const decision = decideMatch(p.identity, others, policy.model, policy.thresholds, ws.names.adjustmentFor(p.identity.name.normalized));
          if (decision.decision !== 'MATCH') continue;
          const [survivorId, ...mergedIds] = [...new Set([own.personId, decision.personId!, ...decision.bridges].map((id) => ws.resolve(id)))].sort();
          if (mergedIds.length === 0) continue;
          ws.merge(survivorId, mergedIds);
          found.set(outcome, { survivorId, mergedIds });
        }
        await this.store.flush(tx, ws);
        return found;
      });
      for (const [outcome, merged] of merges) outcome.merged = merged;
      this.stats.time('secondLook', t);
      return;
    });
  }

  /** Runs `work` again after a lost race or a deadlock (RETRYABLE), up to ATTEMPTS times. */
  private async retrying<T>(what: string, work: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work(attempt);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= ATTEMPTS) throw e;
        this.logger.warn(`${what}: ${code === CLAIM_CONFLICT ? 'lost an ID number race' : `PostgreSQL ${code}`}, again (attempt ${attempt + 1})`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * BACKOFF_MS * attempt));
      }
    }
  }
}
