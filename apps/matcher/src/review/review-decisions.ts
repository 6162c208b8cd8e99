import { ConflictException, Injectable, NotFoundException, Inject } from '@nestjs/common';
import { recordKeyOf } from '@hub/contract';
import { PersonalDataVault } from '@hub/identity';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxMessage } from '@hub/runtime';
import {
  LinkedEventBatch,
  PERSON_LINK_TYPES,
  PersonLinkData,
  RecordRelink,
  TopicNames,
  closedReviewHold,
  hubCloudEvent,
  personMerged,
} from '@hub/topics';
import { MatcherOutbox } from '../outbox/matcher-outbox';
import { PersonStore } from '../person-store';
import { recordByKey } from '../record-view';
import { ReviewQueue } from './review-queue';
import {
  LinkToPersonRequest,
  RecordView,
  ReviewDecisionRequest,
  ReviewView,
  SplitPersonRequest,
  UnlinkRequest,
} from './review.dto';

const SOURCE = '/hub/matcher/review';
/** Reviewers' merges and relinks go to one partition of hub.events.linked, so the detector applies them in the order decided. */
const DECISION_PARTITION = 0;

/**
 * A reviewer's decisions: the record is the proposed person (the two persons merge), someone else
 * (the record stays, marked manual so linking never moves it again), or not the person it is linked
 * to (unlinked to a person of its own, or linked to a person the reviewer names). Each decision is stored with who and why, published on
 * persons.links as a MANUAL decision, and given to the detector (merges, relinks). Decisions take the
 * merge lock, like the matcher's own merges; their messages go to the outbox in the decision's transaction
 * and are relayed after commit, so a decision taken is announced even if the matcher dies right after.
 */
@Injectable()
export class ReviewDecisions {
  constructor(
    private readonly db: DataSource,
    private readonly queue: ReviewQueue,
    private readonly persons: PersonStore,
    private readonly topics: TopicNames,
    private readonly outbox: MatcherOutbox,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async decide(reviewId: string, request: ReviewDecisionRequest): Promise<ReviewView> {
    await this.db.transaction(async (tx) => {
      await this.persons.lockMerges(tx);
      const review = await this.queue.one(tx, reviewId, true);
      if (!review) throw new NotFoundException(`no review ${reviewId}`);
      if (review.status !== 'OPEN')
        throw new ConflictException(`review ${reviewId} is settled already: ${review.status} by ${review.decidedBy}`);
      const out: OutboxMessage[] = [];
      let personId = review.record.personId;
      if (request.outcome === 'SAME' && review.record.personId !== review.candidate.personId) {
        // The smaller id survives, as in every merge the matcher makes (two merges never point at each other).
        const [survivorId, mergedId] = [review.record.personId, review.candidate.personId].sort();
        await this.persons.takeMergedHousehold(tx, survivorId, mergedId);
        await this.persons.mergePersons(tx, survivorId, survivorId, [mergedId]);
        const merged = personMerged({ survivorId, mergedIds: [mergedId] });
        out.push({
          topic: this.topics.personLinks,
          key: survivorId,
          value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.merged, merged),
        });
        out.push(this.linkedDecision({ merges: [merged] }));
        personId = survivorId;
      }
      await this.markManual(tx, review.record);
      out.push(this.linkedDecision({ reviewHolds: [closedReviewHold(review.record, review.candidate.personId)] }));
      await tx.query(
        `UPDATE match_review SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE review_id = $1`,
        [reviewId, request.outcome === 'SAME' ? 'LINKED' : 'DIFFERENT', request.reviewer, request.reason],
      );
      out.unshift(await this.manualLink(tx, review.record, personId, review.score, review.reasons));
      await this.outbox.append(tx, out);
    });
    await this.outbox.relay();
    return (await this.queue.one(undefined, reviewId))!;
  }

  async unlink(request: UnlinkRequest): Promise<RecordView> {
    return this.moveRecord(request, async (tx, record) => {
      const [{ n }]: { n: number }[] = await tx.query(
        'SELECT count(*)::int AS n FROM person_record WHERE person_id = $1',
        [record.personId],
      );
      if (n < 2)
        throw new ConflictException(
          `record ${request.sourcePersonId} from ${request.source} is the only record of ${record.personId}: nothing to unlink it from`,
        );
      const personId = this.persons.ids.person();
      await tx.query('INSERT INTO person (person_id) VALUES ($1)', [personId]);
      return { personId, householdId: null, level: 'UNLINKED' };
    });
  }

  /**
   * The record belongs to a person the reviewer names (a wrong merge split back record by record: unlink one, then
   * link the others to it). The person given may have been merged since: the record goes to whom it merged into.
   */
  async linkToPerson(request: LinkToPersonRequest): Promise<RecordView> {
    return this.moveRecord(request, async (tx, record) => {
      const [target] = await tx.query<{ person_id: string }[]>(
        'SELECT coalesce(p.merged_into, p.person_id) AS person_id FROM person p WHERE p.person_id = $1',
        [request.personId],
      );
      if (!target) throw new NotFoundException(`no person ${request.personId}`);
      if (target.person_id === record.personId)
        throw new ConflictException(
          `record ${request.sourcePersonId} from ${request.source} is linked to ${record.personId} already`,
        );
      const [{ household_id }] = await tx.query<{ household_id: string | null }[]>(
        'SELECT household_id FROM person WHERE person_id = $1',
        [target.person_id],
      );
      return { personId: target.person_id, householdId: household_id, level: 'LINKED' };
    });
  }

  /**
   * Moves one record to the person `destination` names (made or found in the same transaction, under the merge
   * lock), marks it manual, and announces it: a MANUAL decision on persons.links and a relink for the detector,
   * whose facts of the record follow it.
   */
  private async moveRecord(
    request: { source: string; sourcePersonId: string },
    destination: (
      tx: EntityManager,
      record: RecordView,
    ) => Promise<{ personId: string; householdId: string | null; level: 'UNLINKED' | 'LINKED' }>,
  ): Promise<RecordView> {
    const moved = await this.db.transaction(async (tx) => {
      await this.persons.lockMerges(tx);
      const record = await recordByKey(tx, this.vault, request.source, request.sourcePersonId, true);
      if (!record) throw new NotFoundException(`no record ${request.sourcePersonId} from ${request.source}`);
      const to = await destination(tx, record);
      const move = await this.moveOne(tx, record, to);
      await this.outbox.append(tx, [move.link, this.linkedDecision({ relinks: [move.relink] })]);
      return move.view;
    });
    await this.outbox.relay();
    return moved;
  }

  /**
   * Splits a wrongly merged person back in one decision: the records named leave it together, for a person of their
   * own (unmerge). At least one record must stay; every record named must be the person's.
   */
  async splitPerson(request: SplitPersonRequest): Promise<{ personId: string; records: RecordView[] }> {
    const split = await this.db.transaction(async (tx) => {
      await this.persons.lockMerges(tx);
      const [person] = await tx.query<{ person_id: string }[]>(
        'SELECT coalesce(merged_into, person_id) AS person_id FROM person WHERE person_id = $1',
        [request.personId],
      );
      if (!person) throw new NotFoundException(`no person ${request.personId}`);
      const records: RecordView[] = [];
      for (const r of request.records) {
        const record = await recordByKey(tx, this.vault, r.source, r.sourcePersonId, true);
        if (!record || record.personId !== person.person_id) {
          throw new ConflictException(
            `record ${r.sourcePersonId} from ${r.source} is not a record of ${person.person_id}`,
          );
        }
        records.push(record);
      }
      const [{ n }]: { n: number }[] = await tx.query(
        'SELECT count(*)::int AS n FROM person_record WHERE person_id = $1',
        [person.person_id],
      );
      if (new Set(records.map((r) => recordKeyOf(r.source, r.sourcePersonId))).size >= n) {
        throw new ConflictException(
          `a split leaves ${person.person_id} at least one record: name the records that are someone else's`,
        );
      }
      const personId = this.persons.ids.person();
      await tx.query('INSERT INTO person (person_id) VALUES ($1)', [personId]);
      const moves = [];
      for (const record of records)
        moves.push(await this.moveOne(tx, record, { personId, householdId: null, level: 'SPLIT' }));
      await this.outbox.append(tx, [
        ...moves.map((m) => m.link),
        this.linkedDecision({ relinks: moves.map((m) => m.relink) }),
      ]);
      return { personId, records: moves.map((m) => m.view) };
    });
    await this.outbox.relay();
    return split;
  }

  /**
   * One record to another person, marked manual: the row, the MANUAL decision for persons.links and the relink that
   * moves its facts in the detector (the caller writes both to the outbox).
   */
  private async moveOne(
    tx: EntityManager,
    record: RecordView,
    to: { personId: string; householdId: string | null; level: string },
  ): Promise<{ view: RecordView; link: OutboxMessage; relink: RecordRelink }> {
    await tx.query(
      `UPDATE person_record SET person_id = $3, updated_at = now() WHERE source = $1 AND source_person_id = $2`,
      [record.source, record.sourcePersonId, to.personId],
    );
    await this.markManual(tx, record);
    const relink: RecordRelink = {
      source: record.source,
      sourcePersonId: record.sourcePersonId,
      fromPersonId: record.personId,
      personId: to.personId,
      householdId: to.householdId,
    };
    const link = await this.manualLink(tx, record, to.personId, 0, [{ field: 'reviewer', level: to.level, weight: 0 }]);
    return { view: { ...record, personId: to.personId, decision: 'MANUAL' as const, manual: true }, link, relink };
  }

  /** A reviewed record is the reviewer's: later events of it never move it to another person. */
  private async markManual(tx: EntityManager, record: RecordView): Promise<void> {
    await tx.query(
      `UPDATE person_record SET manual = true, decision = 'MANUAL', updated_at = now() WHERE source = $1 AND source_person_id = $2`,
      [record.source, record.sourcePersonId],
    );
  }

  private async manualLink(
    tx: EntityManager,
    record: RecordView,
    personId: string,
    score: number,
    reasons: PersonLinkData['reasons'],
  ): Promise<OutboxMessage> {
    const [person]: ({ household_id: string | null } | undefined)[] = await tx.query(
      'SELECT household_id FROM person WHERE person_id = $1',
      [personId],
    );
    const link: PersonLinkData = {
      source: record.source,
      sourcePersonId: record.sourcePersonId,
      personId,
      decision: 'MANUAL',
      score,
      reasons,
      householdId: person?.household_id ?? null,
    };
    return {
      topic: this.topics.personLinks,
      key: personId,
      value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.linked, link),
    };
  }

  private linkedDecision(decision: Pick<LinkedEventBatch, 'merges' | 'relinks' | 'reviewHolds'>): OutboxMessage {
    const batch: LinkedEventBatch = {
      sourceTopic: SOURCE,
      sourcePartition: DECISION_PARTITION,
      events: [],
      ...decision,
    };
    return {
      topic: this.topics.linkedEvents,
      partition: DECISION_PARTITION,
      key: SOURCE,
      value: JSON.stringify(batch),
    };
  }
}
