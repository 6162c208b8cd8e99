import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  ChunkRecord,
  DecisionOutcome,
  IncomingRecord,
  LinkOutcome,
  LinkWorkspace,
  LinkedRecord,
  LinkingPolicy,
  MatchIdentity,
  RecordKeys,
  decideMatch,
  heldApart,
  keysToProbe,
  linkRecord,
  publishedEvidence,
  recordKeys,
  toMatchIdentity,
} from '@hub/matching';
import { recordKeyOf } from '@hub/contract';
import { compositeKey } from '@hub/identity';
import { OutboxMessage, retryWhileInfrastructureDown } from '@hub/runtime';
import { MatchModelService } from './match-model.service';
import { MatcherOutbox } from './outbox/matcher-outbox';
import { MatcherSettings } from './matcher.settings';
import { MatcherStats } from './matcher-stats';
import { LostRace } from './lost-race';
import { PersonStore, ReadHorizon } from './person-store';
import { ReviewSettlement, SettledReview } from './review/review-settlement';

/** A record to link, with what linking derives from it once. */
interface PreparedRecord {
  record: IncomingRecord;
  identity: MatchIdentity;
  keys: RecordKeys;
}

/** Merged persons as a second look found them. */
export interface SecondLookMerge {
  survivorId: string;
  mergedIds: string[];
}

/**
 * A record's outcome with what its second look found after commit: the merges it made, the review pair it opened.
 * The batch's feed carries them with the record's events (see `linkedEventValues`).
 */
export interface ChunkOutcome extends LinkOutcome {
  secondLook?: SecondLookFindings;
  /** Review pairs this record settled by joining their record's person (ReviewSettlement). */
  settledReviews?: SettledReview[];
}

interface SecondLookFindings {
  merges: SecondLookMerge[];
  /** A POSSIBLE_MATCH outcome: the pair the record now fits only well enough for review. */
  review?: LinkOutcome;
  /** Review pairs its merges settled: the merged person's records now answer them (ReviewSettlement). */
  settledReviews?: SettledReview[];
}

/**
 * The messages that describe what linking stored, made by the caller (who knows the topics and the events) and
 * written to the outbox in the transaction that stores it: a redelivered record is "unchanged" and could
 * never describe its decision again.
 */
export interface LinkingOutputs {
  /** Outcomes in the order of the chunk's records; a record with nothing to tell has none. */
  decisions(outcomes: (ChunkOutcome | undefined)[]): OutboxMessage[];
  /** A second look's merges, and the review pairs they settled (MATCH to the record's own person, the hold lifted). */
  secondLook(merges: SecondLookMerge[], settled: SettledReview[]): OutboxMessage[];
}

/** An ID number this chunk linked is held by another person: the chunk is linked again. */
class ClaimConflict extends LostRace {
  readonly race = 'an ID number race';
}

/**
 * Decisions whose record is compared again after commit (the second look): a person a concurrent chunk stored may be
 * where a record made NEW, or sent to review, belongs outright.
 */
const LOOKED_AT_AGAIN = new Set<string | undefined>(['NEW', 'POSSIBLE_MATCH']);

/** PostgreSQL SQLSTATEs after which the whole chunk is simply linked again: deadlock, serialization, a lost insert race. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001', '23505']);
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
    private readonly outbox: MatcherOutbox,
    private readonly settlement: ReviewSettlement,
  ) {}

  async linkChunk(records: IncomingRecord[], outputs: LinkingOutputs): Promise<ChunkOutcome[]> {
    this.stats.add('chunkRuns');
    const prepared: PreparedRecord[] = records.map((r) => {
      const identity = toMatchIdentity(r.person);
      return { record: r, identity, keys: recordKeys(identity) };
    });
    const departmentHouseholds = prepared
      .filter((p) => p.record.household?.householdId)
      .map((p) => ({ source: p.record.source, departmentHouseholdId: p.record.household!.householdId }));
    const lookups = {
      records: records.map((r) => ({ source: r.source, sourcePersonId: r.person.sourcePersonId })),
      departmentHouseholds,
      names: [...new Set(prepared.map((p) => p.identity.name.normalized).filter(Boolean))],
    };
    const chunkRecords: ChunkRecord[] = prepared.map((p) => ({
      source: p.record.source,
      sourcePersonId: p.record.person.sourcePersonId,
      identity: p.identity,
      probeKeys: p.keys.probe,
    }));
    const policy = {
      model: this.model.model,
      thresholds: { match: this.settings.MATCH_THRESHOLD, possible: this.settings.POSSIBLE_MATCH_THRESHOLD },
    };

    // The ID numbers the attempt before found held by another person, and by whom.
    let heldBefore = new Map<string, string>();
    return this.retrying(`chunk of ${records.length} records`, async (attempt) => {
      let t = performance.now();
      const chunk = await this.db.transaction(async (tx) => {
        t = this.stats.time('begin', t);
        const ws = new LinkWorkspace(await this.store.nameFrequencies(tx, lookups.names), this.store.ids);
        const horizon = await this.store.readHorizon(tx);
        await this.store.seedRecords(tx, ws, lookups.records);
        await this.store.seedCandidates(tx, ws, keysToProbe(ws, chunkRecords));
        await this.store.seedDepartmentHouseholds(tx, ws, lookups.departmentHouseholds);
        t = this.stats.time('seed', t);
        const linked: ChunkOutcome[] = prepared.map((p) =>
          linkRecord(
            ws,
            { source: p.record.source, sourcePersonId: p.record.person.sourcePersonId, household: p.record.household },
            policy,
            p.identity,
          ),
        );
        t = this.stats.time('link', t);
        const replaced = await this.store.flush(tx, ws);
        for (const outcome of linked)
          if (outcome.householdId && replaced.has(outcome.householdId))
            outcome.householdId = replaced.get(outcome.householdId)!;
        t = this.stats.time('flush', t);
        const conflicts = await this.store.claimIdNumbers(tx, ws);
        t = this.stats.time('claim', t);
        // No race, and linking again decides the same, when the chunk read a record of the holder carrying the number
        // (a mistyped number that is another person's), or the attempt before found that holder already, committed
        // before this attempt began (a claim left by a record corrected since, a reviewer's split): the chunk knew
        // that person and linked the number elsewhere. Before, such a chunk was linked 8 times (bench:e2e at 300k
        // events: 6 chunks, 42 transactions rolled back, seconds of pauses each).
        const raced = conflicts.filter((c) => !c.seen && heldBefore.get(c.claim) !== c.holder);
        heldBefore = new Map(conflicts.map((c) => [c.claim, c.holder]));
        if (raced.length && attempt < ATTEMPTS)
          throw new ClaimConflict(`${raced.length} ID number(s) claimed by another person meanwhile`);
        if (conflicts.length)
          this.logger.warn(
            `${conflicts.length} ID number(s) linked to a person other than the one that first claimed them`,
          );
        const settled = await this.settleReviews(tx, ws, linked, policy);
        t = this.stats.time('settle', t);
        await this.outbox.append(tx, outputs.decisions(linked));
        t = this.stats.time('outbox', t);
        // Records made NEW, or sent to review, wait for their second look here; a crash before it leaves them for the
        // redelivered chunk. One sent to review may belong outright to a person a concurrent chunk stored meanwhile.
        const lookAgain = records.filter((_, i) => LOOKED_AT_AGAIN.has(linked[i].link?.decision));
        const inReview = new Set(
          records
            .filter((_, i) => linked[i].link?.decision === 'POSSIBLE_MATCH')
            .map((r) => recordKeyOf(r.source, r.person.sourcePersonId)),
        );
        const secondLooks = await this.store.awaitSecondLook(tx, lookAgain, records);
        t = this.stats.time('awaitSecondLook', t);
        const lookAgainKeys = new Set(lookAgain.map((r) => recordKeyOf(r.source, r.person.sourcePersonId)));
        return {
          linked,
          nameDeltas: ws.nameDeltas,
          adopted: replaced.size,
          settled,
          secondLooks,
          horizon,
          lookAgainKeys,
          inReview,
        };
      });
      t = this.stats.time('commit', t);
      // Counted once committed: a chunk linked again would otherwise count its races twice.
      this.stats.counts.householdsAdopted += chunk.adopted;
      this.stats.counts.reviewsSettled += chunk.settled;
      // After commit the records are "unchanged": were this chunk linked again, its name counts would be lost
      // (and later decisions weighted otherwise), so a database away is waited out here, not by relinking.
      await retryWhileInfrastructureDown(() => this.store.addNameCounts(this.db.manager, chunk.nameDeltas));
      this.stats.time('names', t);
      this.model.observe(chunk.linked.flatMap((o) => o.comparisons));
      const found = await this.secondLook(
        prepared,
        prepared.filter((p) => chunk.secondLooks.has(recordKeyOf(p.record.source, p.record.person.sourcePersonId))),
        { horizon: chunk.horizon, records: chunk.lookAgainKeys, inReview: chunk.inReview },
        outputs,
        policy,
      );
      return chunk.linked.map((outcome, i): ChunkOutcome => {
        const secondLook = found.get(recordKeyOf(records[i].source, records[i].person.sourcePersonId));
        return secondLook ? { ...outcome, secondLook } : outcome;
      });
    });
  }

  /**
   * Review pairs settled by the records this chunk joined to persons (ReviewSettlement), each given to the last of
   * the chunk's records that joined its person: its decision's messages and its batch's feed tell the closing.
   * Returns how many.
   */
  private async settleReviews(
    tx: EntityManager,
    ws: LinkWorkspace,
    linked: ChunkOutcome[],
    policy: LinkingPolicy,
  ): Promise<number> {
    // The last to join: its messages come after those of every record of the chunk the pair could concern.
    const joinedBy = new Map<string, ChunkOutcome>();
    for (const outcome of linked)
      if (outcome.link?.decision === 'MATCH') joinedBy.set(ws.resolve(outcome.personId), outcome);
    const settled = await this.settlement.settle(tx, [...joinedBy.keys()], policy);
    for (const review of settled) {
      const outcome = joinedBy.get(review.link.personId)!;
      outcome.settledReviews = [...(outcome.settledReviews ?? []), review];
    }
    return settled.length;
  }

  /**
   * Chunks linked at the same moment (other partitions, other instances) cannot see each other's new
   * persons: two records of one person without an ID number to claim could both start a person. So
   * after commit, each record this chunk made NEW (or sent to review) is compared again with what is committed now; one
   * that now matches another person merges the two (into the smaller id, so two chunks looking at each
   * other make the same merge, never a cycle). The merge goes to the outbox after the record's NEW link.
   *
   * Only what the chunk could not see can change its decision: a record none of whose probe keys another
   * transaction stored a record under beyond the chunk's read horizon is cleared without reading its candidates
   * again. Of two chunks at once, the one that looks later finds the other's keys beyond its horizon. A record left
   * waiting by a crash has no horizon (its chunk's transaction is gone) and is compared in full.
   *
   * A record that now fits another person only well enough for review is sent to review, as it would have been had
   * the two chunks run one after the other: its POSSIBLE_MATCH decision, the detector's hold and the department's
   * feedback go out like a chunk's. Before, such pairs stayed two persons nobody was asked about (at 1M events, most
   * of the omissions raised on one real person whose insurance subsidy sat on another hub person).
   *
   * A record its chunk sent to review is looked at again too: a record of its own person stored at the same moment
   * (an ID number and the same phone) would have joined it outright had the two come one after the other. Its person
   * merges with that one, and the open pair, now answered by the ID numbers, is settled by rule (ReviewSettlement)
   * in the same transaction; it is never asked a second question.
   */
  private async secondLook(
    chunk: PreparedRecord[],
    waiting: PreparedRecord[],
    fromChunk: { horizon: ReadHorizon; records: Set<string>; inReview: Set<string> },
    outputs: LinkingOutputs,
    policy: LinkingPolicy,
  ): Promise<Map<string, SecondLookFindings>> {
    if (waiting.length === 0) return new Map();
    return this.retrying(`second look at ${waiting.length} new records`, async () => {
      const t = performance.now();
      const keyOf = (p: PreparedRecord) => recordKeyOf(p.record.source, p.record.person.sourcePersonId);
      const fresh = waiting.filter((p) => fromChunk.records.has(keyOf(p)));
      const beyond = fresh.length
        ? await this.store.keysStoredBeyond(this.db.manager, fromChunk.horizon, [
            ...new Set(fresh.flatMap((p) => p.keys.probe)),
          ])
        : new Set<string>();
      const compared = waiting.filter(
        (p) => !fromChunk.records.has(keyOf(p)) || p.keys.probe.some((k) => beyond.has(k)),
      );
      const found = await this.db.transaction(async (tx) => {
        const again = compared.length
          ? await this.compareAgain(tx, compared, policy, fromChunk.inReview)
          : { merges: [], reviews: [], settled: [] };
        await this.store.settleSecondLook(
          tx,
          waiting.map((p) => p.record),
        );
        // Decisions are told per chunk record, in the chunk's order (their event ids and times are the caller's).
        const reviewOf = new Map(again.reviews.map((o) => [recordKeyOf(o.link!.source, o.link!.sourcePersonId), o]));
        const reviewed = chunk.map((p) => reviewOf.get(keyOf(p)));
        await this.outbox.append(tx, [
          ...outputs.secondLook(
            again.merges.map((m) => m.merge),
            again.settled.map((s) => s.review),
          ),
          ...outputs.decisions(reviewed),
        ]);
        const findings = new Map<string, SecondLookFindings>();
        chunk.forEach((p, i) => {
          const merges = again.merges.filter((m) => m.recordKey === keyOf(p)).map((m) => m.merge);
          const settledReviews = again.settled.filter((s) => s.recordKey === keyOf(p)).map((s) => s.review);
          if (merges.length || reviewed[i] || settledReviews.length)
            findings.set(keyOf(p), {
              merges,
              review: reviewed[i],
              ...(settledReviews.length ? { settledReviews } : {}),
            });
        });
        return {
          merged: again.merges.length,
          reviewed: again.reviews.length,
          settled: again.settled.length,
          findings,
        };
      });
      this.stats.counts.MERGED += found.merged;
      this.stats.counts.reviewsSettled += found.settled;
      this.stats.counts.secondLookReviews += found.reviewed;
      this.stats.counts.secondLookCompared += compared.length;
      this.stats.counts.secondLookCleared += waiting.length - compared.length;
      this.stats.time('secondLook', t);
      return found.findings;
    });
  }

  /**
   * The merges `fresh` records make with what is committed now, the review pairs they open (as outcomes with a
   * POSSIBLE_MATCH link), and the open pairs those merges settle (a merged person's records may carry the ID number
   * that tells a pair's two persons apart, as a chunk's joining record may), all applied in `tx`. A settled pair goes
   * with the record whose merge made its person.
   */
  private async compareAgain(
    tx: EntityManager,
    fresh: PreparedRecord[],
    policy: LinkingPolicy,
    inReview: Set<string>,
  ): Promise<{
    merges: { recordKey: string; merge: SecondLookMerge }[];
    reviews: LinkOutcome[];
    settled: { recordKey: string; review: SettledReview }[];
  }> {
    const lookups = {
      records: fresh.map((p) => ({ source: p.record.source, sourcePersonId: p.record.person.sourcePersonId })),
      probeKeys: [...new Set(fresh.flatMap((p) => p.keys.probe))],
      departmentHouseholds: [],
      names: [...new Set(fresh.map((p) => p.identity.name.normalized).filter(Boolean))],
    };
    // Second looks take turns with each other and with every merge (across instances): two at once
    // could each merge before seeing the other's. They are short; chunks still link in parallel.
    await this.store.lockMerges(tx);
    const ws = new LinkWorkspace(await this.store.nameFrequencies(tx, lookups.names), this.store.ids);
    await this.store.seed(tx, ws, lookups);
    // In the order made, with the record that made each: the outbox tells them all, each record's feed its own.
    const merges: { recordKey: string; merge: SecondLookMerge }[] = [];
    const reviews: LinkOutcome[] = [];
    const possible: { own: LinkedRecord; decision: DecisionOutcome }[] = [];
    for (const p of fresh) {
      const own = ws.record(p.record.source, p.record.person.sourcePersonId);
      if (!own || own.manual) continue;
      const ownPersonId = ws.resolve(own.personId);
      const candidates = ws.candidates(p.keys.probe, recordKeyOf(own.source, own.sourcePersonId));
      const others = candidates.filter((c) => c.personId !== ownPersonId);
      if (others.length === 0) continue;
      const decision = decideMatch(
        p.identity,
        others,
        policy.model,
        policy.thresholds,
        ws.names.adjustmentFor(p.identity.name.normalized),
      );
      // A record its chunk sent to review has its pair open: only a person it now joins outright changes anything.
      const asked = inReview.has(recordKeyOf(own.source, own.sourcePersonId));
      if (decision.decision === 'POSSIBLE_MATCH') {
        if (!asked) possible.push({ own, decision });
        continue;
      }
      if (decision.decision !== 'MATCH') continue;
      // A merge joins persons, not this record alone: another record of its person, joined by a chunk after this
      // one's commit, may carry an ID number the person it now fits contradicts. Then only a reviewer can move it.
      const ownRecords = candidates.filter((c) => c.personId === ownPersonId).map((c) => c.identity);
      const joined = new Set([decision.personId!, ...decision.bridges]);
      const joinedRecords = others.filter((c) => joined.has(c.personId)).map((c) => c.identity);
      if (heldApart(ownRecords, joinedRecords)) {
        if (!asked) possible.push({ own, decision: { ...decision, decision: 'POSSIBLE_MATCH', bridges: [] } });
        continue;
      }
      const [survivorId, ...mergedIds] = [
        ...new Set([own.personId, decision.personId!, ...decision.bridges].map((id) => ws.resolve(id))),
      ].sort();
      if (mergedIds.length === 0) continue;
      ws.merge(survivorId, mergedIds);
      merges.push({ recordKey: recordKeyOf(own.source, own.sourcePersonId), merge: { survivorId, mergedIds } });
    }
    // After the merges: a pair between persons merged meanwhile is no question any more.
    const open = possible
      .map(({ own, decision }) => ({
        own,
        decision,
        personId: ws.resolve(own.personId),
        candidatePersonId: ws.resolve(decision.personId!),
      }))
      .filter((p) => p.personId !== p.candidatePersonId);
    const askedAlready = await this.store.reviewedTheOtherWay(tx, open);
    for (const { own, decision, personId, candidatePersonId } of open) {
      if (askedAlready.has(compositeKey(personId, candidatePersonId))) continue;
      const review = {
        source: own.source,
        sourcePersonId: own.sourcePersonId,
        candidatePersonId,
        ...publishedEvidence(decision),
      };
      ws.queueReview(review);
      reviews.push({
        personId,
        householdId: ws.householdOfPerson(personId),
        householdPlacedBy: ws.householdPlacedBy(personId),
        link: {
          source: own.source,
          sourcePersonId: own.sourcePersonId,
          personId: candidatePersonId,
          decision: 'POSSIBLE_MATCH',
          score: review.score,
          reasons: review.reasons,
        },
        comparisons: [],
      });
    }
    await this.store.flush(tx, ws);
    // The last merge that made a person: its record's feed comes after every merge the pair's closing depends on.
    const mergedBy = new Map<string, string>();
    for (const { recordKey, merge } of merges) mergedBy.set(ws.resolve(merge.survivorId), recordKey);
    const settled = mergedBy.size ? await this.settlement.settle(tx, [...mergedBy.keys()], policy) : [];
    return {
      merges,
      reviews,
      settled: settled.map((review) => ({ recordKey: mergedBy.get(review.link.personId)!, review })),
    };
  }

  /** Runs `work` again after a lost race (LostRace) or a deadlock and the like (RETRYABLE_SQLSTATES), up to ATTEMPTS times. */
  private async retrying<T>(what: string, work: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work(attempt);
      } catch (e) {
        const lost = e instanceof LostRace ? `lost ${e.race}` : undefined;
        const sqlState = (e as { code?: unknown }).code;
        const again =
          lost ??
          (typeof sqlState === 'string' && RETRYABLE_SQLSTATES.has(sqlState) ? `PostgreSQL ${sqlState}` : undefined);
        if (!again || attempt >= ATTEMPTS) throw e;
        this.logger.warn(`${what}: ${again}, again (attempt ${attempt + 1})`);
        this.stats.add('runAgain');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * BACKOFF_MS * attempt));
      }
    }
  }
}
