import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EVENT_TYPES,
  HOUSEHOLD_AUTHORITY,
  HouseholdRefDto,
  IdentityBlockDto,
  mergeTakesHouseholdSql,
  payloadOf,
  placementMoves,
  placementMovesSql,
  recordKeyOf,
  standingPlacement,
} from '@hub/contract';
import { EvidenceRef } from '@hub/detection';
import { PersonalDataVault, first17Of, lookupHash, maskIdNumber, maskName, parseIdNumber } from '@hub/identity';
import { writableInstant } from '@hub/rules';
import { LinkedEvent, PersonMergedData, RecordRelink, ReviewHold } from '@hub/topics';
import { AccountsPurged, DepartmentRecordRef } from '@hub/views';
import { householdKeyOf } from './household-key';

/**
 * When an event moves a person to its household (SQL over detector_person and EXCLUDED): it names one, and the
 * household rule the matcher placed the person by (libs/contract `placementMoves`) lets it move them. The detector
 * applies the rule again rather than take each event's household as it comes: a person's events reach it on several
 * partitions, in no order between them, so an event carrying an older placement may arrive after a newer one; and
 * two detector processes may place one person at once, so the rule is decided in the upsert, against the row as
 * committed.
 */
const MOVES = `(EXCLUDED.household_id IS NOT NULL AND ${placementMovesSql('EXCLUDED.household_placed_by', 'detector_person.household_placed_by')})`;

/** The advisory lock space (first key) of household evaluation, and how many locks households share. */
const HOUSEHOLD_LOCK_SPACE = 0x48554231; // 'HUB1'
const HOUSEHOLD_LOCK_BUCKETS = 256;
/**
 * The same for applying a person's facts. Fewer buckets than households: a cycle holds both sets to its end, and
 * advisory locks share PostgreSQL's lock table (max_locks_per_transaction per connection).
 */
const PERSON_LOCK_SPACE = 0x48554232; // 'HUB2'
const PERSON_LOCK_BUCKETS = 128;

/** Transaction-scoped advisory locks on the buckets `keys` hash to, in bucket order: two such calls never deadlock. */
async function lockBuckets(tx: EntityManager, keys: string[], space: number, buckets: number): Promise<void> {
  await tx.query(
    `SELECT pg_advisory_xact_lock($2, bucket) FROM (SELECT DISTINCT abs(hashtext(k) % $3) AS bucket FROM unnest($1::text[]) AS k ORDER BY 1) AS ordered`,
    [keys, space, buckets],
  );
}

function evidenceOf(e: LinkedEvent, ids: Partial<EvidenceRef>): EvidenceRef {
  return { source: e.source, eventId: e.id, topic: e.topic, partition: e.partition, offset: Number(e.offset), ...ids };
}

/** The department record an event's facts came from: a reviewer's unlink moves them with it. */
const sourcePersonOf = (e: LinkedEvent): string | null =>
  (e.data.person as IdentityBlockDto | undefined)?.sourcePersonId ?? null;

/** The last of each key wins: corrections and milestones arrive in order within a record's partition. */
function lastByKey<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

/** What TypeORM's query() resolves to for a DELETE on PostgreSQL: the rows (none without RETURNING) and how many went. */
type Deleted = [unknown[], number];

/**
 * The unified assistance account (统一救助账户) in PostgreSQL: every grant, status and emergency
 * application, reduced to how it counts now. Applies a batch of linked events with one set-based
 * statement per kind and reports the persons whose facts changed, so only their households are
 * evaluated again. Everything runs inside the caller's transaction.
 */
@Injectable()
export class FactStore {
  constructor(@Inject(PersonalDataVault) private readonly vault: PersonalDataVault) {}

  /**
   * Applies the events, then the merges. Returns the household keys to evaluate again: those of the
   * persons whose facts changed, as they are now, and those persons left in this batch (moved to
   * another household, merged into another person), whose alerts may have to go.
   */
  async apply(
    tx: EntityManager,
    events: LinkedEvent[],
    merges: PersonMergedData[],
    relinks: RecordRelink[] = [],
    holds: ReviewHold[] = [],
  ): Promise<Set<string>> {
    const touched = new Set<string>();
    const formerHouseholds = new Set<string>();
    const named = events.map((e) => e.personId).filter((p): p is string => !!p);
    // Merge survivors are followed through redirects too: a merge applies to whom its survivor became (applyMerge).
    const redirect = await this.lockPersons(
      tx,
      [...named, ...merges.map((m) => m.survivorId)],
      [
        ...merges.flatMap((m) => [m.survivorId, ...m.mergedIds]),
        ...relinks.flatMap((r) => [r.fromPersonId, r.personId]),
        ...holds.flatMap((h) => [h.personId, h.candidatePersonId]),
      ],
    );
    const personOf = (e: LinkedEvent) => (e.personId ? (redirect.get(e.personId) ?? e.personId) : null);
    const byType = (type: string) => events.filter((e) => e.type === type);

    await this.applyPersons(
      tx,
      events.filter((e) => e.personId && e.data.person),
      personOf,
      touched,
      formerHouseholds,
    );
    await this.applyGrants(tx, byType(EVENT_TYPES.BENEFIT_GRANTED), personOf, touched);
    await this.applyRevocations(tx, byType(EVENT_TYPES.BENEFIT_REVOKED), touched);
    await this.applyStatuses(tx, byType(EVENT_TYPES.STATUS_ASSERTED), personOf, touched);
    await this.applyStatusEnds(tx, byType(EVENT_TYPES.STATUS_ENDED), touched);
    await this.applyApplications(tx, events, personOf, touched);
    await this.applyReferrals(tx, events, touched);
    for (const m of merges) await this.applyMerge(tx, m, touched, formerHouseholds);
    for (const r of relinks) await this.applyRelink(tx, r, touched, formerHouseholds);
    await this.applyReviewHolds(tx, holds, touched);
    return new Set([...(await this.householdKeys(tx, touched)), ...formerHouseholds]);
  }

  /**
   * Locks households for evaluation until the transaction ends. Two detector instances may apply facts of
   * one household at once (its members' events arrive on different partitions); each evaluating only what
   * it sees would miss a duplicate made of both. Waiting here, the second cycle's next statements see what
   * the first committed. Taken in one order, so two cycles never wait for each other. Households share
   * HOUSEHOLD_LOCK_BUCKETS locks: a lock each would overflow PostgreSQL's lock table (64 per connection by
   * default) when a cycle evaluates thousands of households, as one that closes a month's windows does.
   */
  async lockHouseholds(tx: EntityManager, householdKeys: Iterable<string>): Promise<void> {
    await lockBuckets(tx, [...householdKeys], HOUSEHOLD_LOCK_SPACE, HOUSEHOLD_LOCK_BUCKETS);
  }

  /**
   * Locks the persons whose facts this cycle writes or moves, until the transaction ends, and returns where merged
   * ones redirect to as committed once the locks are held. Two detector processes may meet on one person: a merge
   * of X into P arrives on one partition while an event of X, linked just before the merge, arrives on another.
   * Unlocked, the merge moved X's facts while the event's insert under X was not yet committed, and the fact stayed
   * with X, a person nobody evaluates any more (seen: an insurance subsidy left behind, and an omission raised for P
   * in its place). Locked, whichever comes second sees the first: the event reads the redirect, or the merge moves
   * the event's fact. Persons (and the survivors they redirect to) are locked in one statement, in one order, before
   * any household lock; only a merge committed between a read and the lock needs another round.
   */
  private async lockPersons(tx: EntityManager, named: string[], moved: string[]): Promise<Map<string, string>> {
    const lock = (ids: string[]) => lockBuckets(tx, ids, PERSON_LOCK_SPACE, PERSON_LOCK_BUCKETS);
    const seen = await this.redirects(tx, named);
    const locked = new Set([...named, ...moved, ...seen.values()]);
    if (locked.size === 0) return seen;
    for (let ids = [...locked]; ;) {
      await lock(ids);
      const redirect = await this.redirects(tx, named);
      ids = [...new Set(redirect.values())].filter((id) => !locked.has(id));
      if (ids.length === 0) return redirect;
      for (const id of ids) locked.add(id);
    }
  }

  /** Household keys of persons, as they are now and, for persons that moved in this batch, as they were. */
  async householdKeys(tx: EntityManager, personIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...personIds];
    const rows: { person_id: string; household_id: string | null }[] = await tx.query(
      'SELECT person_id, household_id FROM detector_person WHERE person_id = ANY($1)',
      [ids],
    );
    const keys = new Set(rows.map((r) => householdKeyOf(r.person_id, r.household_id)));
    const known = new Set(rows.map((r) => r.person_id));
    for (const id of ids) if (!known.has(id)) keys.add(householdKeyOf(id, null));
    return keys;
  }

  private async redirects(tx: EntityManager, personIds: string[]): Promise<Map<string, string>> {
    if (personIds.length === 0) return new Map();
    const rows: { merged_id: string; survivor_id: string }[] = await tx.query(
      'SELECT merged_id, survivor_id FROM detector_person_redirect WHERE merged_id = ANY($1)',
      [[...new Set(personIds)]],
    );
    return new Map(rows.map((r) => [r.merged_id, r.survivor_id]));
  }

  private async applyPersons(
    tx: EntityManager,
    events: LinkedEvent[],
    personOf: (e: LinkedEvent) => string | null,
    touched: Set<string>,
    formerHouseholds: Set<string>,
  ): Promise<void> {
    if (events.length === 0) return;
    const records = events.map((e) => {
      const p = e.data.person as IdentityBlockDto;
      const id = p.idNumber ? parseIdNumber(String(p.idNumber)) : null;
      const first17 = first17Of(id);
      return {
        person_id: personOf(e)!,
        household_id: e.householdId,
        household_placed_by: e.householdPlacedBy ?? null,
        household_role: (e.data.household as HouseholdRefDto | undefined)?.role ?? null,
        source: e.source,
        source_person_id: String(p.sourcePersonId),
        // The ID number as a keyed hash (issue 12): the pre-payment check finds a person by it, nobody reads it back.
        subject: { name: maskName(String(p.name ?? '')), idNumberMasked: id ? maskIdNumber(id.normalized) : '' },
        id_first17: first17 && lookupHash.idFirst17(this.vault, first17),
      };
    });
    // Per person the placement that stands by the household rule (a placement by civil affairs outranks a later
    // one by any other department: events from other partitions may arrive after it, carrying an older placement);
    // the last event when none names a household. The upsert then applies it to the stored placement by the same rule.
    const ofPerson = new Map<string, typeof records>();
    for (const r of records) {
      const earlier = ofPerson.get(r.person_id);
      if (earlier) earlier.push(r);
      else ofPerson.set(r.person_id, [r]);
    }
    const persons = [...ofPerson.values()].map(
      (rs) =>
        standingPlacement(rs, (r) => ({ householdId: r.household_id ?? null, placedBy: r.household_placed_by })) ??
        rs[rs.length - 1],
    );
    // A person who moved leaves the old household evaluated too: its alerts may go.
    const newHousehold = new Map(persons.map((p) => [p.person_id, p.household_id]));
    const before: { person_id: string; household_id: string | null; household_placed_by: string | null }[] =
      await tx.query(
        'SELECT person_id, household_id, household_placed_by FROM detector_person WHERE person_id = ANY($1)',
        [[...newHousehold.keys()]],
      );
    const placedBy = new Map(persons.map((p) => [p.person_id, p.household_placed_by]));
    for (const b of before) {
      const now = newHousehold.get(b.person_id);
      if (!placementMoves(placedBy.get(b.person_id) ?? null, b.household_placed_by)) continue;
      if (now && now !== b.household_id) formerHouseholds.add(householdKeyOf(b.person_id, b.household_id));
    }
    await tx.query(
      `INSERT INTO detector_person (person_id, household_id, household_placed_by, household_role, subject, id_first17)
       SELECT person_id, household_id, household_placed_by, household_role, subject, id_first17
       FROM json_to_recordset($1::json) AS r(person_id text, household_id text, household_placed_by text, household_role text, subject jsonb, id_first17 text)
       ON CONFLICT (person_id) DO UPDATE SET
         household_id = CASE WHEN ${MOVES} THEN EXCLUDED.household_id ELSE detector_person.household_id END,
         household_placed_by = CASE WHEN ${MOVES} THEN EXCLUDED.household_placed_by ELSE detector_person.household_placed_by END,
         household_role = CASE WHEN ${MOVES} THEN EXCLUDED.household_role ELSE detector_person.household_role END,
         subject = EXCLUDED.subject, id_first17 = coalesce(EXCLUDED.id_first17, detector_person.id_first17), updated_at = now()`,
      [JSON.stringify(persons)],
    );
    // Every department record, not one per person: a person may come from several departments in one batch.
    const sources = lastByKey(records, (r) => recordKeyOf(r.source, r.source_person_id));
    await tx.query(
      `INSERT INTO detector_source_person (source, source_person_id, person_id)
       SELECT * FROM json_to_recordset($1::json) AS r(source text, source_person_id text, person_id text)
       ON CONFLICT (source, source_person_id) DO UPDATE SET person_id = EXCLUDED.person_id`,
      [
        JSON.stringify(
          sources.map((s) => ({ source: s.source, source_person_id: s.source_person_id, person_id: s.person_id })),
        ),
      ],
    );
    for (const p of persons) touched.add(p.person_id);
  }

  private async applyGrants(
    tx: EntityManager,
    events: LinkedEvent[],
    personOf: (e: LinkedEvent) => string | null,
    touched: Set<string>,
  ): Promise<void> {
    if (events.length === 0) return;
    const rows = lastByKey(
      events.map((e) => {
        const d = payloadOf(EVENT_TYPES.BENEFIT_GRANTED, e.data);
        return {
          source: e.source,
          benefit_id: String(d.benefitId),
          person_id: personOf(e),
          source_person_id: sourcePersonOf(e),
          program: d.program,
          amount_fen: d.amountFen ?? null,
          period_start: d.period?.start,
          period_end: d.period?.end,
          cause_kind: d.cause?.kind ?? null,
          cause_ref: d.cause?.ref ?? null,
          region_code: d.regionCode ?? e.regionCode,
          granted_at: e.time,
          evidence: evidenceOf(e, { benefitId: String(d.benefitId), program: d.program }),
          village_code: d.villageCode ?? null,
          notice_start: d.notice?.start ?? null,
          notice_end: d.notice?.end ?? null,
        };
      }),
      (r) => recordKeyOf(r.source, r.benefit_id),
    );
    // A correction replaces the grant unless an older correction arrives late (event time decides).
    const changed: { person_id: string | null }[] = await tx.query(
      `INSERT INTO detector_benefit (source, benefit_id, person_id, source_person_id, program, amount_fen, period_start, period_end, cause_kind, cause_ref, region_code, granted_at, evidence,
         village_code, notice_start, notice_end)
       SELECT * FROM json_to_recordset($1::json) AS r(source text, benefit_id text, person_id text, source_person_id text, program text, amount_fen bigint, period_start date,
         period_end date, cause_kind text, cause_ref text, region_code text, granted_at timestamptz, evidence jsonb, village_code text, notice_start date, notice_end date)
       ON CONFLICT (source, benefit_id) DO UPDATE SET person_id = EXCLUDED.person_id, source_person_id = EXCLUDED.source_person_id, program = EXCLUDED.program, amount_fen = EXCLUDED.amount_fen,
         period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, cause_kind = EXCLUDED.cause_kind, cause_ref = EXCLUDED.cause_ref,
         region_code = EXCLUDED.region_code, granted_at = EXCLUDED.granted_at, evidence = EXCLUDED.evidence,
         village_code = EXCLUDED.village_code, notice_start = EXCLUDED.notice_start, notice_end = EXCLUDED.notice_end
       WHERE detector_benefit.granted_at IS NULL OR EXCLUDED.granted_at >= detector_benefit.granted_at
       RETURNING person_id`,
      [JSON.stringify(rows)],
    );
    for (const r of changed) if (r.person_id) touched.add(r.person_id);
  }

  private async applyRevocations(tx: EntityManager, events: LinkedEvent[], touched: Set<string>): Promise<void> {
    if (events.length === 0) return;
    const rows = lastByKey(
      events.map((e) => {
        const d = payloadOf(EVENT_TYPES.BENEFIT_REVOKED, e.data);
        return {
          source: e.source,
          benefit_id: String(d.benefitId),
          revoked_from: d.effective,
          revocation: { ...evidenceOf(e, { benefitId: String(d.benefitId) }), reason: d.reason ?? null },
        };
      }),
      (r) => recordKeyOf(r.source, r.benefit_id),
    );
    // A revocation may come before its grant (another partition, a late feed): it waits in the row.
    const changed: { person_id: string | null }[] = await tx.query(
      `INSERT INTO detector_benefit (source, benefit_id, revoked_from, revocation)
       SELECT * FROM json_to_recordset($1::json) AS r(source text, benefit_id text, revoked_from date, revocation jsonb)
       ON CONFLICT (source, benefit_id) DO UPDATE SET revoked_from = EXCLUDED.revoked_from, revocation = EXCLUDED.revocation
       RETURNING person_id`,
      [JSON.stringify(rows)],
    );
    for (const r of changed) if (r.person_id) touched.add(r.person_id);
  }

  private async applyStatuses(
    tx: EntityManager,
    events: LinkedEvent[],
    personOf: (e: LinkedEvent) => string | null,
    touched: Set<string>,
  ): Promise<void> {
    if (events.length === 0) return;
    const rows = lastByKey(
      events.map((e) => {
        const d = payloadOf(EVENT_TYPES.STATUS_ASSERTED, e.data);
        return {
          source: e.source,
          status_id: String(d.statusId),
          person_id: personOf(e),
          source_person_id: sourcePersonOf(e),
          status: d.status,
          valid_from: d.validFrom,
          valid_to: d.validTo ?? null,
          attributes: d.attributes ?? {},
          asserted_at: e.time,
          evidence: evidenceOf(e, { statusId: String(d.statusId), status: d.status }),
        };
      }),
      (r) => recordKeyOf(r.source, r.status_id),
    );
    const changed: { person_id: string | null }[] = await tx.query(
      `INSERT INTO detector_status (source, status_id, person_id, source_person_id, status, valid_from, valid_to, attributes, asserted_at, evidence)
       SELECT * FROM json_to_recordset($1::json) AS r(source text, status_id text, person_id text, source_person_id text, status text, valid_from date, valid_to date,
         attributes jsonb, asserted_at timestamptz, evidence jsonb)
       ON CONFLICT (source, status_id) DO UPDATE SET person_id = EXCLUDED.person_id, source_person_id = EXCLUDED.source_person_id, status = EXCLUDED.status, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to, attributes = EXCLUDED.attributes, asserted_at = EXCLUDED.asserted_at, evidence = EXCLUDED.evidence
       WHERE detector_status.asserted_at IS NULL OR EXCLUDED.asserted_at >= detector_status.asserted_at
       RETURNING person_id`,
      [JSON.stringify(rows)],
    );
    for (const r of changed) if (r.person_id) touched.add(r.person_id);
  }

  private async applyStatusEnds(tx: EntityManager, events: LinkedEvent[], touched: Set<string>): Promise<void> {
    if (events.length === 0) return;
    const rows = lastByKey(
      events.map((e) => {
        const d = payloadOf(EVENT_TYPES.STATUS_ENDED, e.data);
        return { source: e.source, status_id: String(d.statusId), ended_to: d.validTo };
      }),
      (r) => recordKeyOf(r.source, r.status_id),
    );
    const changed: { person_id: string | null }[] = await tx.query(
      `INSERT INTO detector_status (source, status_id, ended_to)
       SELECT * FROM json_to_recordset($1::json) AS r(source text, status_id text, ended_to date)
       ON CONFLICT (source, status_id) DO UPDATE SET ended_to = EXCLUDED.ended_to
       RETURNING person_id`,
      [JSON.stringify(rows)],
    );
    for (const r of changed) if (r.person_id) touched.add(r.person_id);
  }

  /** Received, verified and decided, each filling its own columns, in whatever order they arrive. */
  private async applyApplications(
    tx: EntityManager,
    events: LinkedEvent[],
    personOf: (e: LinkedEvent) => string | null,
    touched: Set<string>,
  ): Promise<void> {
    const milestones = events.filter(
      (e) =>
        e.type === EVENT_TYPES.APPLICATION_RECEIVED ||
        e.type === EVENT_TYPES.APPLICATION_VERIFIED ||
        e.type === EVENT_TYPES.APPLICATION_DECIDED,
    );
    for (const e of milestones) {
      const key = [e.source, String((e.data as { applicationId: string }).applicationId)];
      let rows: { person_id: string | null }[];
      if (e.type === EVENT_TYPES.APPLICATION_RECEIVED) {
        const d = payloadOf(EVENT_TYPES.APPLICATION_RECEIVED, e.data);
        rows = await tx.query(
          `INSERT INTO detector_application (source, application_id, person_id, program, channel, received_at, evidence, source_person_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (source, application_id) DO UPDATE SET person_id = EXCLUDED.person_id, source_person_id = EXCLUDED.source_person_id, program = EXCLUDED.program, channel = EXCLUDED.channel,
             received_at = EXCLUDED.received_at, evidence = EXCLUDED.evidence, reason = EXCLUDED.reason RETURNING person_id`,
          // The reason is one of the 四公布 items of an emergency application's public notice.
          [
            ...key,
            personOf(e),
            d.program,
            d.channel ?? null,
            d.receivedAt,
            JSON.stringify(evidenceOf(e, { applicationId: String(d.applicationId), program: d.program })),
            sourcePersonOf(e),
            d.reason ?? null,
          ],
        );
      } else if (e.type === EVENT_TYPES.APPLICATION_VERIFIED) {
        const d = payloadOf(EVENT_TYPES.APPLICATION_VERIFIED, e.data);
        rows = await tx.query(
          `INSERT INTO detector_application (source, application_id, verified_at) VALUES ($1, $2, $3)
           ON CONFLICT (source, application_id) DO UPDATE SET verified_at = EXCLUDED.verified_at RETURNING person_id`,
          [...key, d.verifiedAt],
        );
      } else {
        const d = payloadOf(EVENT_TYPES.APPLICATION_DECIDED, e.data);
        rows = await tx.query(
          `INSERT INTO detector_application (source, application_id, decided_at, decision) VALUES ($1, $2, $3, $4)
           ON CONFLICT (source, application_id) DO UPDATE SET decided_at = EXCLUDED.decided_at, decision = EXCLUDED.decision RETURNING person_id`,
          [...key, d.decidedAt, d.decision],
        );
      }
      for (const r of rows) if (r.person_id) touched.add(r.person_id);
    }
  }

  /**
   * Referrals (contract v1.1 §8, 一门受理、协同办理): `assist.application.referred.v1` from the referring source names
   * its application and the department asked; that department's `assist.application.decided.v1` with `referral` names
   * the referring source and application, and the department asked is its own source's. Either may come first; the
   * row waits for the other and, naming no person, for its application (read under it: TimelineReader). Runs after
   * applyApplications, so an application received in the same batch is found. Touches the application's person.
   */
  private async applyReferrals(tx: EntityManager, events: LinkedEvent[], touched: Set<string>): Promise<void> {
    const key = (r: { source: string; application_id: string; to_department: string }) =>
      `${r.source}\u0000${r.application_id}\u0000${r.to_department}`;
    const referred = lastByKey(
      events
        .filter((e) => e.type === EVENT_TYPES.APPLICATION_REFERRED)
        .map((e) => {
          const d = payloadOf(EVENT_TYPES.APPLICATION_REFERRED, e.data);
          return {
            source: e.source,
            application_id: String(d.applicationId),
            to_department: d.toDepartment,
            need: d.need,
            referred_at: d.referredAt,
            evidence: evidenceOf(e, { applicationId: String(d.applicationId) }),
          };
        }),
      key,
    );
    const decided = lastByKey(
      events
        .filter((e) => e.type === EVENT_TYPES.APPLICATION_DECIDED && (e.data as { referral?: unknown }).referral)
        .map((e) => {
          const d = payloadOf(EVENT_TYPES.APPLICATION_DECIDED, e.data);
          return {
            source: d.referral!.source,
            application_id: String(d.referral!.applicationId),
            to_department: e.department,
            decided_at: d.decidedAt,
            decision: d.decision,
            decided_by: e.source,
          };
        }),
      key,
    );
    if (referred.length === 0 && decided.length === 0) return;
    const changed = [
      ...(await this.upsertReferrals(tx, referred, { need: 'text', referred_at: 'timestamptz', evidence: 'jsonb' })),
      ...(await this.upsertReferrals(tx, decided, { decided_at: 'timestamptz', decision: 'text', decided_by: 'text' })),
    ];
    const applicants: { person_id: string }[] = await tx.query(
      `SELECT DISTINCT a.person_id FROM detector_application a JOIN unnest($1::text[], $2::text[]) AS k(source, application_id)
         ON a.source = k.source AND a.application_id = k.application_id
       WHERE a.person_id IS NOT NULL`,
      [changed.map((c) => c.source), changed.map((c) => c.application_id)],
    );
    for (const a of applicants) touched.add(a.person_id);
  }

  /** Referral rows by (source, application_id, to_department), each setting its own columns (constants, typed); the applications they name. */
  private async upsertReferrals(
    tx: EntityManager,
    rows: object[],
    columns: Record<string, string>,
  ): Promise<{ source: string; application_id: string }[]> {
    if (rows.length === 0) return [];
    const names = Object.keys(columns);
    return tx.query(
      `INSERT INTO detector_referral (source, application_id, to_department, ${names.join(', ')})
       SELECT * FROM json_to_recordset($1::json) AS r(source text, application_id text, to_department text, ${names.map((n) => `${n} ${columns[n]}`).join(', ')})
       ON CONFLICT (source, application_id, to_department) DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       RETURNING source, application_id`,
      [JSON.stringify(rows)],
    );
  }

  /** The merged persons' facts move to the survivor, which takes a household of theirs by the household rule; their ids redirect. */
  private async applyMerge(
    tx: EntityManager,
    merge: PersonMergedData,
    touched: Set<string>,
    formerHouseholds: Set<string>,
  ): Promise<void> {
    // A merge can come twice (in the feed and from the matcher's outbox) and after a later merge of its survivor
    // (another partition): facts and redirects go to whom the survivor became, never to a merged person.
    const survivorId = (await this.redirects(tx, [merge.survivorId])).get(merge.survivorId) ?? merge.survivorId;
    const mergedIds = merge.mergedIds.filter((id) => id !== survivorId);
    if (mergedIds.length === 0) return;
    for (const k of await this.householdKeys(tx, mergedIds)) formerHouseholds.add(k);
    await tx.query(
      `INSERT INTO detector_person_redirect (merged_id, survivor_id) SELECT unnest($1::text[]), $2
       ON CONFLICT (merged_id) DO UPDATE SET survivor_id = EXCLUDED.survivor_id`,
      [mergedIds, survivorId],
    );
    await tx.query('UPDATE detector_person_redirect SET survivor_id = $1 WHERE survivor_id = ANY($2)', [
      survivorId,
      mergedIds,
    ]);
    for (const table of ['detector_benefit', 'detector_status', 'detector_application', 'detector_source_person']) {
      await tx.query(`UPDATE ${table} SET person_id = $1 WHERE person_id = ANY($2)`, [survivorId, mergedIds]);
    }
    // The survivor takes a merged person's household as the matcher's merge does (libs/contract `mergeTakesHousehold`):
    // of the merged persons, one civil affairs placed first.
    const takes = mergeTakesHouseholdSql(
      { householdId: 'detector_person.household_id', placedBy: 'detector_person.household_placed_by' },
      { householdId: 'EXCLUDED.household_id', placedBy: 'EXCLUDED.household_placed_by' },
    );
    await tx.query(
      `INSERT INTO detector_person (person_id, household_id, household_role, household_placed_by, subject, id_first17)
       SELECT $1, household_id, household_role, household_placed_by, subject, id_first17 FROM detector_person
       WHERE person_id = ANY($2)
       ORDER BY household_placed_by IS NOT DISTINCT FROM $3 DESC, household_id IS NOT NULL DESC, updated_at DESC LIMIT 1
       ON CONFLICT (person_id) DO UPDATE SET
         household_id = CASE WHEN ${takes} THEN EXCLUDED.household_id ELSE detector_person.household_id END,
         household_role = CASE WHEN ${takes} THEN EXCLUDED.household_role ELSE detector_person.household_role END,
         household_placed_by = CASE WHEN ${takes} THEN EXCLUDED.household_placed_by ELSE detector_person.household_placed_by END,
         id_first17 = coalesce(detector_person.id_first17, EXCLUDED.id_first17)`,
      [survivorId, mergedIds, HOUSEHOLD_AUTHORITY],
    );
    await tx.query('DELETE FROM detector_person WHERE person_id = ANY($1)', [mergedIds]);
    touched.add(survivorId);
  }

  /**
   * A reviewer moved one department record to another person: its grants, statuses and applications go
   * with it. A new person starts with the old one's masked subject (the record's own next event
   * refreshes it), the household the matcher gave it, and no ID number of its own yet.
   */
  private async applyRelink(
    tx: EntityManager,
    relink: RecordRelink,
    touched: Set<string>,
    formerHouseholds: Set<string>,
  ): Promise<void> {
    const { source, sourcePersonId, fromPersonId, personId, householdId } = relink;
    for (const k of await this.householdKeys(tx, [fromPersonId])) formerHouseholds.add(k);
    await tx.query(
      `INSERT INTO detector_person (person_id, household_id, subject)
       SELECT $1, $3, subject FROM detector_person WHERE person_id = $2
       ON CONFLICT (person_id) DO NOTHING`,
      [personId, fromPersonId, householdId],
    );
    for (const table of ['detector_benefit', 'detector_status', 'detector_application']) {
      await tx.query(`UPDATE ${table} SET person_id = $1 WHERE source = $2 AND source_person_id = $3`, [
        personId,
        source,
        sourcePersonId,
      ]);
    }
    await tx.query('UPDATE detector_source_person SET person_id = $1 WHERE source = $2 AND source_person_id = $3', [
      personId,
      source,
      sourcePersonId,
    ]);
    touched.add(personId);
    touched.add(fromPersonId);
  }

  /** Opened pairs are kept until settled; both persons' households are evaluated again either way. */
  private async applyReviewHolds(tx: EntityManager, holds: ReviewHold[], touched: Set<string>): Promise<void> {
    const latest = lastByKey(holds, (h) => recordKeyOf(h.source, h.sourcePersonId));
    const opened = latest.filter((h) => h.open);
    const closed = latest.filter((h) => !h.open);
    if (opened.length) {
      await tx.query(
        `INSERT INTO detector_review_hold (source, source_person_id, person_id, candidate_person_id, opened_at)
         SELECT * FROM json_to_recordset($1::json) AS r(source text, source_person_id text, person_id text, candidate_person_id text, opened_at timestamptz)
         ON CONFLICT (source, source_person_id) DO UPDATE SET person_id = EXCLUDED.person_id, candidate_person_id = EXCLUDED.candidate_person_id
         WHERE detector_review_hold.settled_at IS NULL`,
        [
          JSON.stringify(
            opened.map((h) => ({
              source: h.source,
              source_person_id: h.sourcePersonId,
              person_id: h.personId,
              candidate_person_id: h.candidatePersonId,
              opened_at: h.openedAt ?? new Date(0).toISOString(),
            })),
          ),
        ],
      );
    }
    // Settled pairs stay, marked: the pair's "open" may still come (the feed's copy, behind the outbox's), and must
    // not open it again. A reviewer's record is never sent to review again, so the mark needs no end.
    if (closed.length) {
      await tx.query(
        `INSERT INTO detector_review_hold (source, source_person_id, person_id, candidate_person_id, opened_at, settled_at)
         SELECT source, source_person_id, person_id, candidate_person_id, to_timestamp(0), now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c(source, source_person_id, person_id, candidate_person_id)
         ON CONFLICT (source, source_person_id) DO UPDATE SET settled_at = coalesce(detector_review_hold.settled_at, now())`,
        [
          closed.map((h) => h.source),
          closed.map((h) => h.sourcePersonId),
          closed.map((h) => h.personId),
          closed.map((h) => h.candidatePersonId),
        ],
      );
    }
    const redirect = await this.redirects(
      tx,
      latest.flatMap((h) => [h.personId, h.candidatePersonId]),
    );
    for (const h of latest) for (const id of [h.personId, h.candidatePersonId]) touched.add(redirect.get(id) ?? id);
  }

  /**
   * Of these persons, those under an open review pair now (either person of the pair, through merges), with the
   * event time until which the hold lasts. Asked for the members of the households a cycle evaluates only: a
   * county's open pairs run to thousands. Persons, not households: the cycle knows their households already, and
   * joining detector_person here led PostgreSQL (which guesses many held rows) to hash every person of the county
   * in each cycle, a step that grew with the county (36 s of a 1M-event run, 1.8 s of a 300k one).
   */
  async heldPersons(tx: EntityManager, personIds: string[], holdDays: number): Promise<Map<string, Date>> {
    if (personIds.length === 0) return new Map();
    const rows: { person_id: string; until: Date }[] = await tx.query(
      // A hold names persons as they were when it opened: each asked person answers for itself (unless it was
      // merged away) and for the persons merged into it. Looked up by person, so a cycle reads its own holds only.
      `WITH asked AS (SELECT DISTINCT unnest($2::text[]) AS person_id),
       named AS (
         SELECT a.person_id AS id, a.person_id FROM asked a
         WHERE NOT EXISTS (SELECT 1 FROM detector_person_redirect r WHERE r.merged_id = a.person_id)
         UNION ALL
         SELECT r.merged_id, r.survivor_id FROM asked a JOIN detector_person_redirect r ON r.survivor_id = a.person_id
       ),
       held AS (
         SELECT n.person_id, x.opened_at FROM named n JOIN detector_review_hold x ON x.person_id = n.id AND x.settled_at IS NULL
         UNION ALL
         SELECT n.person_id, x.opened_at FROM named n JOIN detector_review_hold x ON x.candidate_person_id = n.id AND x.settled_at IS NULL
       )
       SELECT person_id, max(opened_at) + make_interval(days => $1) AS until FROM held GROUP BY person_id`,
      [holdDays, personIds],
    );
    // A pair opened by an event of the year 9999 would hold past what PostgreSQL reads back as a due time.
    return new Map(rows.map((r) => [r.person_id, writableInstant(new Date(r.until))]));
  }

  /**
   * Deletes what the detector holds of a person (issue 12: a purge where the law requires it): grants,
   * statuses and applications (with their referrals), review holds, redirects and the account. Alerts stay: they carry the subject
   * masked only, and they are the record of what township workers were told and did.
   */
  async purgePerson(tx: EntityManager, personIds: string[], records: DepartmentRecordRef[]): Promise<AccountsPurged> {
    let facts = 0;
    // Referrals name no person: those of the person's applications go with them.
    facts += (
      await tx.query<Deleted>(
        `DELETE FROM detector_referral r USING detector_application a WHERE a.person_id = ANY($1) AND r.source = a.source AND r.application_id = a.application_id`,
        [personIds],
      )
    )[1];
    for (const table of ['detector_benefit', 'detector_status', 'detector_application']) {
      facts += (await tx.query<Deleted>(`DELETE FROM ${table} WHERE person_id = ANY($1)`, [personIds]))[1];
    }
    facts += (
      await tx.query<Deleted>(
        `DELETE FROM detector_review_hold h WHERE h.person_id = ANY($1) OR h.candidate_person_id = ANY($1)
         OR (h.source, h.source_person_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
        [personIds, records.map((r) => r.source), records.map((r) => r.sourcePersonId)],
      )
    )[1];
    await tx.query(
      `DELETE FROM detector_source_person s WHERE s.person_id = ANY($1) OR (s.source, s.source_person_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [personIds, records.map((r) => r.source), records.map((r) => r.sourcePersonId)],
    );
    await tx.query('DELETE FROM detector_person_redirect WHERE merged_id = ANY($1) OR survivor_id = ANY($1)', [
      personIds,
    ]);
    const accounts = (await tx.query<Deleted>('DELETE FROM detector_person WHERE person_id = ANY($1)', [personIds]))[1];
    return { facts, accounts };
  }
}
