import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { recordKeyOf } from '@hub/contract';
import {
  LinkWorkspace,
  LinkingPolicy,
  RecordLink,
  publishedEvidence,
  recordKeys,
  settleReviewPair,
} from '@hub/matching';
import { PersonStore } from '../person-store';

/** A review pair the matcher closed by rule, with the link its record has now (MATCH, its own person). */
export interface SettledReview {
  reviewId: string;
  candidatePersonId: string;
  link: RecordLink;
  householdId: string | null;
}

/** Why, as the console and the audit trail show it (决定理由). */
const SETTLED_REASON =
  '该人员后续登记的记录（含可信证件信息）与本记录匹配，记录归属本人，与候选人员不是同一人：按规则关闭审核';

/**
 * Review pairs settled by rule once the record's own person gains records (settleReviewPair): a chunk whose records
 * joined persons asks which open pairs have a record of those persons, decides each record again among its own
 * person's records and the proposed person's, and closes the pairs whose two persons trusted ID numbers now hold apart
 * and whose record joins its own person outright. In the chunk's transaction, so the closing and the messages that
 * tell it commit together.
 */
@Injectable()
export class ReviewSettlement {
  constructor(private readonly store: PersonStore) {}

  /**
   * `joined`: persons that gained records in this chunk, after flush. A pair the chunk itself opened counts too: a
   * record later in the chunk may have joined the reviewed record's person (a backlog after a restart brings both).
   */
  async settle(tx: EntityManager, joined: string[], policy: LinkingPolicy): Promise<SettledReview[]> {
    const open = await this.store.openReviewsOfPersons(tx, joined);
    if (open.length === 0) return [];
    const ws = new LinkWorkspace(undefined, this.store.ids);
    await this.store.seedRecords(tx, ws, open);
    // A pair whose two persons were merged meanwhile was answered the other way (the same person): not settled here.
    const reviewed = open.flatMap((pair) => {
      const own = ws.record(pair.source, pair.sourcePersonId);
      return own && own.personId !== pair.candidatePersonId
        ? [{ pair, own, probe: recordKeys(own.identity).probe }]
        : [];
    });
    await this.store.seedCandidates(tx, ws, [...new Set(reviewed.flatMap((r) => r.probe))]);
    const names = await this.store.nameFrequencies(tx, [
      ...new Set(reviewed.map((r) => r.own.identity.name.normalized).filter(Boolean)),
    ]);
    const settled: SettledReview[] = [];
    for (const { pair, own, probe } of reviewed) {
      const outcome = settleReviewPair(
        own.identity,
        { personId: own.personId, candidatePersonId: pair.candidatePersonId },
        ws.candidates(probe, recordKeyOf(own.source, own.sourcePersonId)),
        policy.model,
        policy.thresholds,
        names.adjustmentFor(own.identity.name.normalized),
      );
      if (!outcome) continue;
      settled.push({
        reviewId: pair.reviewId,
        candidatePersonId: pair.candidatePersonId,
        link: {
          source: own.source,
          sourcePersonId: own.sourcePersonId,
          personId: own.personId,
          decision: 'MATCH',
          ...publishedEvidence(outcome),
        },
        householdId: ws.householdOfPerson(own.personId),
      });
    }
    const closed = await this.store.settleReviewsByRule(tx, settled, SETTLED_REASON);
    return settled.filter((s) => closed.has(s.reviewId));
  }
}
