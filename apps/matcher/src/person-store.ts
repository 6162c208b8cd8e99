import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PersonalDataVault, compositeKey, first17Of, lookupHash } from '@hub/identity';
import { mergeTakesHouseholdSql, recordKeyOf } from '@hub/contract';
import { IncomingRecord, KEY_SCHEME, LinkWorkspace, LinkedRecord, NameFrequencies, recordKeys } from '@hub/matching';
import { StoredIdentity, identityColumns, openIdentity, sealIdentity } from './at-rest/identity-at-rest';
import { LostRace } from './lost-race';

/** What a chunk needs looked up before it is linked. */
export interface ChunkLookups {
  records: { source: string; sourcePersonId: string }[];
  probeKeys: string[];
  departmentHouseholds: { source: string; departmentHouseholdId: string }[];
  names: string[];
}

interface RecordRow extends StoredIdentity {
  person_id: string;
  manual: boolean;
  household_id: string | null;
  household_placed_by: string | null;
  keys?: string[];
}

/** An open review pair: a record proposed for `candidatePersonId` (its own person is read with the record). */
export interface OpenReviewPair {
  reviewId: string;
  source: string;
  sourcePersonId: string;
  candidatePersonId: string;
}

/** Who settled a review pair the matcher closed by rule, as the audit trail and the console show it. */
const RULE_REVIEWER = 'matcher';

/** An ID number (its first 17, hashed) a chunk linked to one person while `holder` holds it. */
export interface IdNumberConflict {
  claim: string;
  holder: string;
  /** The chunk read a record of the holder carrying the number: it knew, and linked the number elsewhere. */
  seen: boolean;
}

/**
 * The snapshot a chunk read its candidates in, and the chunk's own transaction: after commit, what other
 * transactions wrote beyond it is all its second look needs to compare (migration SecondLookHorizon).
 */
export interface ReadHorizon {
  snapshot: string;
  xid: string;
}

const TAKES_MERGED_HOUSEHOLD = mergeTakesHouseholdSql(
  { householdId: 's.household_id', placedBy: 's.household_placed_by' },
  { householdId: 'm.household_id', placedBy: 'm.household_placed_by' },
);

/**
 * A bigint[] parameter as one array literal. node-postgres quotes and escapes each element of an array parameter
 * (a chunk of 5,000 records passes some 100,000 block keys and record numbers; escaping was 3% of the matcher's CPU
 * in bench:match); decimal numbers need neither, so they go as the literal PostgreSQL would have parsed anyway.
 */
const bigintArray = (numbers: readonly string[]): string => `{${numbers.join(',')}}`;

/** Candidates read under one probe key at most: a key shared by more records says little and costs much. */
const MAX_PER_KEY = 100;

/**
 * SQL for the matcher's tables. A chunk of records is linked in memory (LinkWorkspace) between one
 * `seed` and one `flush`, inside the caller's transaction: a fixed number of set-based statements per
 * chunk, whatever its size, instead of several round trips per record. Concurrency with other chunks
 * and instances rests on unique keys (claimed ID numbers, department households), not locks: the
 * loser of a race links its chunk again and then finds the winner's person.
 */

/** A department household this chunk tied is another chunk's now, and cannot be adopted: the chunk is linked again. */
export class HouseholdRace extends LostRace {
  readonly race = 'a department household race';
}

@Injectable()
export class PersonStore {
  constructor(@Inject(PersonalDataVault) private readonly vault: PersonalDataVault) {}

  readonly ids = {
    person: () => `P-${randomBytes(6).toString('hex')}`,
    household: () => `H-${randomBytes(6).toString('hex')}`,
  };

  async seed(tx: EntityManager, ws: LinkWorkspace, lookups: ChunkLookups): Promise<void> {
    await this.seedRecords(tx, ws, lookups.records);
    await this.seedCandidates(tx, ws, lookups.probeKeys);
    await this.seedDepartmentHouseholds(tx, ws, lookups.departmentHouseholds);
  }

  /** The records themselves, as stored, with their persons' households. */
  async seedRecords(tx: EntityManager, ws: LinkWorkspace, records: ChunkLookups['records']): Promise<void> {
    const own: RecordRow[] = await tx.query(
      `SELECT r.source, r.source_person_id, coalesce(p.merged_into, r.person_id) AS person_id, ${identityColumns('r')}, r.manual, p.household_id, p.household_placed_by
       FROM unnest($1::text[], $2::text[]) AS q(source, source_person_id)
       JOIN person_record r ON r.source = q.source AND r.source_person_id = q.source_person_id
       JOIN person p ON p.person_id = r.person_id`,
      [records.map((r) => r.source), records.map((r) => r.sourcePersonId)],
    );
    for (const r of own) {
      ws.seedRecord(this.linkedRecord(r));
      ws.seedPersonHousehold(r.person_id, r.household_id, r.household_placed_by);
    }
  }

  /** The records stored under these probe keys (at most MAX_PER_KEY a key), with their persons' households. */
  async seedCandidates(tx: EntityManager, ws: LinkWorkspace, probeKeys: string[]): Promise<void> {
    if (probeKeys.length === 0) return;
    const probeOf = new Map(probeKeys.map((k) => [lookupHash.blockKey(this.vault, k), k]));
    const candidates: RecordRow[] = await tx.query(
      `WITH hits AS (
         SELECT q.key, k.record_id
         FROM unnest($1::bigint[]) AS q(key)
         CROSS JOIN LATERAL (SELECT record_id FROM record_block_key WHERE block_key = q.key LIMIT $2) AS k
       ), found AS (
         SELECT record_id, array_agg(key) AS keys FROM hits GROUP BY record_id
       )
       SELECT f.keys, r.source, r.source_person_id, coalesce(p.merged_into, r.person_id) AS person_id, ${identityColumns('r')}, r.manual, p.household_id, p.household_placed_by
       FROM found f
       JOIN person_record r ON r.record_id = f.record_id
       JOIN person p ON p.person_id = r.person_id`,
      [bigintArray([...probeOf.keys()]), MAX_PER_KEY],
    );
    for (const r of candidates) {
      // Stored keys are keyed hashes (bigint, read as decimal text); the workspace knows the keys themselves.
      ws.seedRecord(
        this.linkedRecord(r),
        r.keys!.map((k) => probeOf.get(k)!),
      );
      ws.seedPersonHousehold(r.person_id, r.household_id, r.household_placed_by);
    }
  }

  /** The hub households the departments' households named here are tied to. */
  async seedDepartmentHouseholds(
    tx: EntityManager,
    ws: LinkWorkspace,
    departmentHouseholds: ChunkLookups['departmentHouseholds'],
  ): Promise<void> {
    if (departmentHouseholds.length === 0) return;
    const households: { source: string; source_household_id: string; household_id: string }[] = await tx.query(
      `SELECT h.source, h.source_household_id, h.household_id
       FROM unnest($1::text[], $2::text[]) AS q(source, source_household_id)
       JOIN household_source h ON h.source = q.source AND h.source_household_id = q.source_household_id`,
      [departmentHouseholds.map((h) => h.source), departmentHouseholds.map((h) => h.departmentHouseholdId)],
    );
    for (const h of households) ws.seedDepartmentHousehold(h.source, h.source_household_id, h.household_id);
  }

  private linkedRecord(r: RecordRow): LinkedRecord {
    return {
      source: r.source,
      sourcePersonId: r.source_person_id,
      personId: r.person_id,
      identity: openIdentity(this.vault, r),
      manual: r.manual,
    };
  }

  /** Taken before `seed`: a snapshot older than the one seed reads in, so nothing seed missed escapes it. */
  async readHorizon(tx: EntityManager): Promise<ReadHorizon> {
    const [horizon] = await tx.query<ReadHorizon[]>(
      'SELECT pg_current_snapshot()::text AS snapshot, pg_current_xact_id()::text AS xid',
    );
    return horizon;
  }

  /**
   * Which of these probe keys another transaction stored a record under that `horizon` could not see: committed
   * since, or running then. Reads the rows written since the horizon's oldest running transaction (by index),
   * a few seconds' writes however large the county.
   */
  async keysStoredBeyond(db: EntityManager, horizon: ReadHorizon, probeKeys: string[]): Promise<Set<string>> {
    const probeOf = new Map(probeKeys.map((k) => [lookupHash.blockKey(this.vault, k), k]));
    const rows: { block_key: string }[] = await db.query(
      `SELECT DISTINCT k.block_key FROM record_block_key k
       WHERE k.linked_xid >= pg_snapshot_xmin($1::pg_snapshot) AND k.linked_xid <> $2::xid8
         AND NOT pg_visible_in_snapshot(k.linked_xid, $1::pg_snapshot) AND k.block_key = ANY($3::bigint[])`,
      [horizon.snapshot, horizon.xid, bigintArray([...probeOf.keys()])],
    );
    return new Set(rows.map((r) => probeOf.get(r.block_key)!));
  }

  /** The lock every merge, and every second look that may merge, takes until its transaction ends. */
  async lockMerges(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('assist-hub.merges', 0))`);
  }

  /**
   * Merged persons keep their ids and redirect to the survivor; their records and ID number claims
   * move to `holder` (the survivor, or whom the survivor itself merged into). Callers hold lockMerges.
   */
  async mergePersons(tx: EntityManager, survivorId: string, holder: string, mergedIds: string[]): Promise<void> {
    await tx.query('UPDATE person SET merged_into = $1 WHERE person_id = ANY($2) OR merged_into = ANY($2)', [
      survivorId,
      mergedIds,
    ]);
    await tx.query('UPDATE person_record SET person_id = $1, updated_at = now() WHERE person_id = ANY($2)', [
      holder,
      mergedIds,
    ]);
    await tx.query('UPDATE person_id_number SET person_id = $1 WHERE person_id = ANY($2)', [holder, mergedIds]);
  }

  /**
   * A reviewer's merge places the survivor by the household rule the matcher's own merges follow (libs/contract
   * `mergeTakesHousehold`, here as SQL), so that the detector, applying the same merge, keeps the same household.
   */
  async takeMergedHousehold(tx: EntityManager, survivorId: string, mergedId: string): Promise<void> {
    await tx.query(
      `UPDATE person s SET household_id = m.household_id, household_placed_by = m.household_placed_by
       FROM person m WHERE s.person_id = $1 AND m.person_id = $2 AND ${TAKES_MERGED_HOUSEHOLD}`,
      [survivorId, mergedId],
    );
  }

  /** Counts are kept by the name's keyed hash; '' is the total row. */
  async nameFrequencies(tx: EntityManager, names: string[]): Promise<NameFrequencies> {
    const nameOf = new Map(names.map((n) => [lookupHash.nameCount(this.vault, n), n]));
    const rows: { name: string; records: string }[] = await tx.query(
      'SELECT name, records FROM name_frequency WHERE name = ANY($1)',
      [['', ...nameOf.keys()]],
    );
    const counts = new Map(rows.filter((r) => r.name !== '').map((r) => [nameOf.get(r.name)!, Number(r.records)]));
    const total = Number(rows.find((r) => r.name === '')?.records ?? 0);
    return new NameFrequencies(counts, total);
  }

  /** Writes what linking changed in the workspace; persons are resolved through merges made in it. */
  async flush(tx: EntityManager, ws: LinkWorkspace): Promise<Map<string, string>> {
    if (ws.newHouseholds.size) {
      await tx.query('INSERT INTO household (household_id) SELECT unnest($1::text[])', [[...ws.newHouseholds]]);
    }
    if (ws.newPersons.size) {
      const persons = [...ws.newPersons];
      await tx.query(
        'INSERT INTO person (person_id, household_id, household_placed_by) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])',
        [persons, persons.map((p) => ws.householdOfPerson(p)), persons.map((p) => ws.householdPlacedBy(p))],
      );
    }
    // Merges take turns (across chunks and instances): two at once could each flatten redirects
    // before the other's, leaving records on a person merged elsewhere.
    if (ws.merges.length) await this.lockMerges(tx);
    for (const m of ws.merges) await this.mergePersons(tx, m.survivorId, ws.resolve(m.survivorId), m.mergedIds);
    const moved = [...ws.changedPersonHouseholds].filter((p) => !ws.newPersons.has(p));
    if (moved.length) {
      await tx.query(
        `UPDATE person p SET household_id = q.household_id, household_placed_by = q.placed_by
         FROM unnest($1::text[], $2::text[], $3::text[]) AS q(person_id, household_id, placed_by) WHERE p.person_id = q.person_id`,
        [moved, moved.map((p) => ws.householdOfPerson(p)), moved.map((p) => ws.householdPlacedBy(p))],
      );
    }
    const replaced = await this.tieDepartmentHouseholds(tx, ws);
    await this.flushRecords(tx, ws);
    await this.flushReviews(tx, ws);
    return replaced;
  }

  /**
   * Ties the chunk's new department households to hub households. One that another chunk tied meanwhile
   * (a family whose members arrive in several partitions at once) is adopted when this chunk made its
   * hub household just now: the chunk's persons move to the other's. Otherwise the chunk is linked
   * again (HouseholdRace). Six partitions starting together used to relink whole chunks of 1,000 on
   * every such race, ran out of attempts and restarted the consumer. Returns the hub households
   * replaced (this chunk's → the other's), which the chunk's outcomes must name instead.
   */
  private async tieDepartmentHouseholds(tx: EntityManager, ws: LinkWorkspace): Promise<Map<string, string>> {
    const replaced = new Map<string, string>();
    if (ws.newDepartmentHouseholds.size === 0) return replaced;
    const rows = [...ws.newDepartmentHouseholds.values()];
    const inserted: { source: string; source_household_id: string }[] = await tx.query(
      `INSERT INTO household_source (source, source_household_id, household_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT DO NOTHING RETURNING source, source_household_id`,
      [rows.map((h) => h.source), rows.map((h) => h.departmentHouseholdId), rows.map((h) => h.householdId)],
    );
    const tied = new Set(inserted.map((r) => recordKeyOf(r.source, r.source_household_id)));
    const lost = rows.filter((h) => !tied.has(recordKeyOf(h.source, h.departmentHouseholdId)));
    if (lost.length === 0) return replaced;
    // A new statement: it sees the other chunk's committed rows.
    const winners: { source: string; source_household_id: string; household_id: string }[] = await tx.query(
      `SELECT h.source, h.source_household_id, h.household_id FROM unnest($1::text[], $2::text[]) AS q(source, source_household_id)
       JOIN household_source h USING (source, source_household_id)`,
      [lost.map((h) => h.source), lost.map((h) => h.departmentHouseholdId)],
    );
    const winnerOf = new Map(winners.map((w) => [recordKeyOf(w.source, w.source_household_id), w.household_id]));
    for (const h of lost) {
      const theirs = winnerOf.get(recordKeyOf(h.source, h.departmentHouseholdId));
      const adoptable =
        theirs && ws.newHouseholds.has(h.householdId) && (replaced.get(h.householdId) ?? theirs) === theirs;
      if (!adoptable)
        throw new HouseholdRace(
          `department household ${h.departmentHouseholdId} of ${h.source} tied by another chunk meanwhile`,
        );
      replaced.set(h.householdId, theirs);
    }
    for (const [mine, theirs] of replaced) {
      await tx.query('UPDATE person SET household_id = $2 WHERE household_id = $1', [mine, theirs]);
      await tx.query('UPDATE household_source SET household_id = $2 WHERE household_id = $1', [mine, theirs]);
      await tx.query('DELETE FROM household WHERE household_id = $1', [mine]);
    }
    return replaced;
  }

  /**
   * Claims each ID number the chunk saved for the person it was linked to. Returns the numbers (hashed) another person
   * holds already, and that person: a concurrent chunk won the race (link this chunk again, and it will find that
   * person), or the chunk knew that person and linked the number elsewhere (a mistyped number that is another
   * person's, a claim left by a record whose number was corrected since, a reviewer's split).
   */
  async claimIdNumbers(tx: EntityManager, ws: LinkWorkspace): Promise<IdNumberConflict[]> {
    // Every well-formed number (not only trusted ones): two people never share their first 17 digits,
    // and two records with the same doubtful number must not race into two persons either.
    const claimOf = (r: LinkedRecord) => {
      const first17 = first17Of(r.identity.id);
      return first17 && lookupHash.idFirst17(this.vault, first17);
    };
    const wanted = new Map<string, string>();
    for (const r of ws.saved.values()) {
      const claim = claimOf(r);
      if (claim) wanted.set(claim, ws.resolve(r.personId));
    }
    if (wanted.size === 0) return [];
    const ids = [...wanted.keys()].sort();
    // Sorted, so two chunks claiming overlapping numbers wait for each other in one order.
    const inserted: { id_first17: string }[] = await tx.query(
      `INSERT INTO person_id_number (id_first17, person_id) SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1 ON CONFLICT DO NOTHING RETURNING id_first17`,
      [ids, ids.map((id) => wanted.get(id))],
    );
    const taken = new Set(inserted.map((r) => r.id_first17));
    const others = ids.filter((id) => !taken.has(id));
    if (others.length === 0) return [];
    // A new statement: it sees claims committed while the insert waited for them.
    const holders: { id_first17: string; person_id: string }[] = await tx.query(
      'SELECT c.id_first17, coalesce(p.merged_into, c.person_id) AS person_id FROM person_id_number c JOIN person p ON p.person_id = c.person_id WHERE c.id_first17 = ANY($1)',
      [others],
    );
    const conflicts = holders.filter((h) => h.person_id !== wanted.get(h.id_first17));
    if (conflicts.length === 0) return [];
    // The holders' records the chunk read, by the number each carries: a holder seen carrying it was known.
    const known = new Set<string>();
    for (const r of ws.recordsOf(new Set(conflicts.map((h) => h.person_id)))) {
      const claim = claimOf(r);
      if (claim) known.add(`${claim}|${r.personId}`);
    }
    return conflicts.map((h) => ({
      claim: h.id_first17,
      holder: h.person_id,
      seen: known.has(`${h.id_first17}|${h.person_id}`),
    }));
  }

  private async flushRecords(tx: EntityManager, ws: LinkWorkspace): Promise<void> {
    const saved = [...ws.saved.values()];
    if (saved.length === 0) return;
    const stored: { record_id: string; source: string; source_person_id: string }[] = await tx.query(
      `INSERT INTO person_record (source, source_person_id, person_id, identity, identity_sealed, key_id, name_hash, id_hash, decision, score, reasons, key_scheme, updated_at)
       SELECT source, source_person_id, person_id, NULL, decode(identity_sealed, 'base64'), key_id, name_hash, id_hash, decision, score, reasons, ${KEY_SCHEME}, now()
       FROM json_to_recordset($1::json)
         AS r(source text, source_person_id text, person_id text, identity_sealed text, key_id text, name_hash text, id_hash text, decision text, score real, reasons jsonb)
       ON CONFLICT (source, source_person_id) DO UPDATE
       SET person_id = EXCLUDED.person_id, identity = NULL, identity_sealed = EXCLUDED.identity_sealed, key_id = EXCLUDED.key_id,
           name_hash = EXCLUDED.name_hash, id_hash = EXCLUDED.id_hash, decision = EXCLUDED.decision,
           score = EXCLUDED.score, reasons = EXCLUDED.reasons, key_scheme = EXCLUDED.key_scheme, updated_at = now()
       RETURNING record_id, source, source_person_id`,
      [
        JSON.stringify(
          saved.map((r) => ({
            source: r.source,
            source_person_id: r.sourcePersonId,
            person_id: ws.resolve(r.personId),
            ...sealIdentity(this.vault, r.source, r.sourcePersonId, r.identity),
            decision: r.decision,
            score: r.score,
            reasons: r.reasons,
          })),
        ),
      ],
    );
    const numberOf = new Map(stored.map((r) => [recordKeyOf(r.source, r.source_person_id), r.record_id]));
    const recordId = (r: LinkedRecord) => numberOf.get(recordKeyOf(r.source, r.sourcePersonId))!;
    // A corrected record's old keys go by primary key: a search by record would read the whole key table.
    const replaced = saved.flatMap((r) => r.replacedKeys.map((k) => ({ k, r })));
    if (replaced.length) {
      await tx.query(
        'DELETE FROM record_block_key k USING unnest($1::bigint[], $2::bigint[]) AS d(block_key, record_id) WHERE k.block_key = d.block_key AND k.record_id = d.record_id',
        [
          bigintArray(replaced.map(({ k }) => lookupHash.blockKey(this.vault, k))),
          bigintArray(replaced.map(({ r }) => recordId(r))),
        ],
      );
    }
    await this.storeBlockKeys(
      tx,
      saved.map((r) => ({ recordId: recordId(r), keys: r.storedKeys })),
    );
  }

  /** Stores records under their keys (as keyed hashes); keys a record has already are left as they are. */
  private async storeBlockKeys(tx: EntityManager, records: { recordId: string; keys: string[] }[]): Promise<void> {
    const keys: string[] = [];
    const ids: string[] = [];
    for (const r of records) {
      for (const k of new Set(r.keys)) {
        keys.push(lookupHash.blockKey(this.vault, k));
        ids.push(r.recordId);
      }
    }
    await tx.query(
      'INSERT INTO record_block_key (block_key, record_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING',
      [bigintArray(keys), bigintArray(ids)],
    );
  }

  /**
   * Which of these (person, candidate) pairs already have a review pair the other way round: a record of the
   * candidate sent to review against the person, of any status. Two chunks linked at once may each find the other's
   * record in their second looks; one pair between the two persons is the reviewer's question, not two.
   */
  async reviewedTheOtherWay(
    tx: EntityManager,
    pairs: { personId: string; candidatePersonId: string }[],
  ): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows: { person_id: string; candidate_person_id: string }[] = await tx.query(
      `SELECT q.person_id, q.candidate_person_id
       FROM unnest($1::text[], $2::text[]) AS q(person_id, candidate_person_id)
       WHERE EXISTS (
         SELECT 1 FROM match_review m
         JOIN person_record r ON r.source = m.source AND r.source_person_id = m.source_person_id
         JOIN person rp ON rp.person_id = r.person_id
         JOIN person cp ON cp.person_id = m.candidate_person_id
         WHERE coalesce(rp.merged_into, rp.person_id) = q.candidate_person_id
           AND coalesce(cp.merged_into, cp.person_id) = q.person_id)`,
      [pairs.map((p) => p.personId), pairs.map((p) => p.candidatePersonId)],
    );
    return new Set(rows.map((r) => compositeKey(r.person_id, r.candidate_person_id)));
  }

  /**
   * The open review pairs whose record now belongs to one of these persons, each with its proposed person as it is
   * now (through merges). A reviewer's record (manual) is left out: its pairs are the reviewer's.
   */
  async openReviewsOfPersons(tx: EntityManager, personIds: string[]): Promise<OpenReviewPair[]> {
    if (personIds.length === 0) return [];
    return tx.query(
      `SELECT m.review_id::text AS "reviewId", m.source, m.source_person_id AS "sourcePersonId",
              coalesce(cp.merged_into, cp.person_id) AS "candidatePersonId"
       FROM person_record r
       JOIN match_review m ON m.source = r.source AND m.source_person_id = r.source_person_id AND m.status = 'OPEN'
       JOIN person cp ON cp.person_id = m.candidate_person_id
       WHERE r.person_id = ANY($1) AND NOT r.manual`,
      [personIds],
    );
  }

  /**
   * Closes review pairs the matcher settled by rule (DIFFERENT: the record is not the proposed person) and stores
   * each record's new decision. A pair a reviewer settled meanwhile stays theirs: only those still open are closed,
   * and returned.
   */
  async settleReviewsByRule(
    tx: EntityManager,
    settled: {
      reviewId: string;
      link: { source: string; sourcePersonId: string; score: number; reasons: unknown[] };
    }[],
    reason: string,
  ): Promise<Set<string>> {
    if (settled.length === 0) return new Set();
    // As a SELECT: TypeORM answers an UPDATE with [rows, count], a SELECT with its rows.
    const closed: { review_id: string }[] = await tx.query(
      `WITH closed AS (
         UPDATE match_review SET status = 'DIFFERENT', decided_by = $2, decided_at = now(), decision_reason = $3
         WHERE review_id = ANY($1::bigint[]) AND status = 'OPEN' RETURNING review_id
       )
       SELECT review_id::text FROM closed`,
      [settled.map((s) => s.reviewId), RULE_REVIEWER, reason],
    );
    const ids = new Set(closed.map((c) => c.review_id));
    const records = settled.filter((s) => ids.has(s.reviewId));
    await tx.query(
      `UPDATE person_record r SET decision = 'MATCH', score = q.score, reasons = q.reasons, updated_at = now()
       FROM json_to_recordset($1::json) AS q(source text, source_person_id text, score real, reasons jsonb)
       WHERE r.source = q.source AND r.source_person_id = q.source_person_id AND NOT r.manual`,
      [
        JSON.stringify(
          records.map(({ link }) => ({
            source: link.source,
            source_person_id: link.sourcePersonId,
            score: link.score,
            reasons: link.reasons,
          })),
        ),
      ],
    );
    return ids;
  }

  /** The review pairs linking opened (a second look opens them without saving any record). */
  private async flushReviews(tx: EntityManager, ws: LinkWorkspace): Promise<void> {
    if (ws.reviews.length) {
      // The same pair again refreshes its evidence; a settled pair stays settled.
      const latest = new Map(
        ws.reviews.map((r) => [
          compositeKey(recordKeyOf(r.source, r.sourcePersonId), ws.resolve(r.candidatePersonId)),
          { ...r, candidatePersonId: ws.resolve(r.candidatePersonId) },
        ]),
      );
      await tx.query(
        `INSERT INTO match_review (source, source_person_id, candidate_person_id, score, reasons)
         SELECT source, source_person_id, candidate_person_id, score, reasons
         FROM json_to_recordset($1::json) AS r(source text, source_person_id text, candidate_person_id text, score real, reasons jsonb)
         ON CONFLICT (source, source_person_id, candidate_person_id) DO UPDATE
         SET score = EXCLUDED.score, reasons = EXCLUDED.reasons WHERE match_review.status = 'OPEN'`,
        [
          JSON.stringify(
            [...latest.values()].map((r) => ({
              source: r.source,
              source_person_id: r.sourcePersonId,
              candidate_person_id: r.candidatePersonId,
              score: r.score,
              reasons: r.reasons,
            })),
          ),
        ],
      );
    }
  }

  /**
   * Marks `fresh` records as waiting for their second look and answers which of `chunk`'s records wait (the
   * fresh ones, and those a crash left waiting before their chunk was delivered again), as record keys.
   */
  async awaitSecondLook(tx: EntityManager, fresh: IncomingRecord[], chunk: IncomingRecord[]): Promise<Set<string>> {
    const rows: { source: string; source_person_id: string }[] = await tx.query(
      `WITH added AS (
         INSERT INTO matcher_second_look (source, source_person_id) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT DO NOTHING RETURNING source, source_person_id)
       SELECT source, source_person_id FROM added
       UNION
       SELECT l.source, l.source_person_id FROM matcher_second_look l
       JOIN unnest($3::text[], $4::text[]) AS k(source, source_person_id) ON l.source = k.source AND l.source_person_id = k.source_person_id`,
      [
        fresh.map((r) => r.source),
        fresh.map((r) => r.person.sourcePersonId),
        chunk.map((r) => r.source),
        chunk.map((r) => r.person.sourcePersonId),
      ],
    );
    return new Set(rows.map((r) => recordKeyOf(r.source, r.source_person_id)));
  }

  /** The second look of these records is done (in the transaction that stores its merges). */
  async settleSecondLook(tx: EntityManager, records: IncomingRecord[]): Promise<void> {
    await tx.query(
      `DELETE FROM matcher_second_look l USING unnest($1::text[], $2::text[]) AS k(source, source_person_id)
       WHERE l.source = k.source AND l.source_person_id = k.source_person_id`,
      [records.map((r) => r.source), records.map((r) => r.person.sourcePersonId)],
    );
  }

  /**
   * Adds a chunk's name counts, after the chunk committed and in a statement of its own: every chunk
   * touches the total row, and holding it until commit made all chunks wait for each other. The counts
   * only shape weights, so a count that lags a chunk behind changes nothing that matters. Sorted, so
   * two statements lock name rows in one order ('' , the total, first).
   */
  async addNameCounts(db: EntityManager, nameDeltas: Map<string, number>): Promise<void> {
    const deltas = [...nameDeltas]
      .filter(([, d]) => d !== 0)
      .map(([name, d]) => [lookupHash.nameCount(this.vault, name), d] as [string, number]);
    if (deltas.length === 0) return;
    const total = deltas.reduce((s, [, d]) => s + d, 0);
    const rows = [['', total] as [string, number], ...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await db.query(
      `INSERT INTO name_frequency (name, records)
       SELECT name, delta FROM unnest($1::text[], $2::bigint[]) AS q(name, delta) ORDER BY name
       ON CONFLICT (name) DO UPDATE SET records = greatest(0, name_frequency.records + EXCLUDED.records)`,
      [rows.map(([n]) => n), rows.map(([, d]) => d)],
    );
  }

  /**
   * Deletes a person (the survivor and every person merged into it) with all department records, block keys,
   * ID number claims and review pairs (issue 12: a purge where the law requires it). Returns what went and the
   * name counts to take back (after commit, as linking does). Callers hold lockMerges.
   */
  async purgePerson(
    tx: EntityManager,
    personId: string,
  ): Promise<{ records: number; persons: number; nameDeltas: Map<string, number> }> {
    const ids = (
      await tx.query<{ person_id: string }[]>(
        'SELECT person_id FROM person WHERE person_id = $1 OR merged_into = $1 FOR UPDATE',
        [personId],
      )
    ).map((r) => r.person_id);
    if (ids.length === 0) return { records: 0, persons: 0, nameDeltas: new Map() };
    const rows: RecordRow[] = await tx.query(
      `SELECT source, source_person_id, person_id, ${identityColumns()}, manual FROM person_record WHERE person_id = ANY($1) FOR UPDATE`,
      [ids],
    );
    const nameDeltas = new Map<string, number>();
    for (const r of rows) {
      const name = openIdentity(this.vault, r).name.normalized;
      if (name) nameDeltas.set(name, (nameDeltas.get(name) ?? 0) - 1);
    }
    const sources = rows.map((r) => r.source);
    const sourcePersonIds = rows.map((r) => r.source_person_id);
    const ofRecords = '(source, source_person_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))';
    await tx.query(
      `DELETE FROM record_block_key WHERE record_id IN (SELECT record_id FROM person_record WHERE ${ofRecords})`,
      [sources, sourcePersonIds],
    );
    await tx.query(`DELETE FROM matcher_second_look WHERE ${ofRecords}`, [sources, sourcePersonIds]);
    await tx.query(`DELETE FROM match_review WHERE ${ofRecords} OR candidate_person_id = ANY($3)`, [
      sources,
      sourcePersonIds,
      ids,
    ]);
    await tx.query('DELETE FROM person_id_number WHERE person_id = ANY($1)', [ids]);
    await tx.query('DELETE FROM person_record WHERE person_id = ANY($1)', [ids]);
    await tx.query('DELETE FROM person WHERE person_id = ANY($1)', [ids]);
    return { records: rows.length, persons: ids.length, nameDeltas };
  }

  /**
   * Stores the keys of today's scheme (KEY_SCHEME) for up to `limit` records keyed under an older one (the migration
   * that changed the scheme left them without keys in record_block_key), from their identities; returns how many.
   * Rows another instance is keying are skipped, not waited for; a record linked meanwhile is written under today's
   * scheme and needs none.
   */
  async rekeyRecords(tx: EntityManager, limit: number): Promise<number> {
    const rows: (StoredIdentity & { record_id: string })[] = await tx.query(
      `SELECT record_id, source, source_person_id, ${identityColumns()} FROM person_record WHERE key_scheme IS NULL LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (rows.length === 0) return 0;
    await this.storeBlockKeys(
      tx,
      rows.map((r) => ({ recordId: r.record_id, keys: recordKeys(openIdentity(this.vault, r)).stored })),
    );
    await tx.query(
      `UPDATE person_record p SET key_scheme = ${KEY_SCHEME} FROM unnest($1::text[], $2::text[]) AS q(source, source_person_id)
       WHERE p.source = q.source AND p.source_person_id = q.source_person_id`,
      [rows.map((r) => r.source), rows.map((r) => r.source_person_id)],
    );
    return rows.length;
  }

  /** Whether any record is still keyed under an older scheme, being keyed by another instance included. */
  async recordsKeyedBefore(db: EntityManager): Promise<boolean> {
    return (await db.query<unknown[]>('SELECT 1 FROM person_record WHERE key_scheme IS NULL LIMIT 1')).length > 0;
  }

  /**
   * Whether identities written before sealing are still in clear: their block keys and claims are too, and a
   * matcher that looks people up by hash would not find them (and make them anew). `data:reseal` first.
   */
  async recordsInClear(db: EntityManager): Promise<boolean> {
    return (await db.query<unknown[]>('SELECT 1 FROM person_record WHERE key_id IS NULL LIMIT 1')).length > 0;
  }
}
