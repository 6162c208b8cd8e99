import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OverpaidGrant } from '@hub/detection';
import { recordKeyOf } from '@hub/contract';
import {
  CLOSED_RECOVERY_CASE_STATUSES,
  RecoveryCaseOpenedData,
  RecoveryCaseStatus,
  RecoveryCaseUpdatedData,
} from '@hub/topics';
import { RecoveryCaseDetailView, RecoveryCaseView, RecoverySummaryView } from '@hub/views';
import { CaseState, ClaimedGrant } from './recovery-plan';

/** One `assist.benefit.recovered.v1`, as stored. */
export interface RecoveryRow {
  source: string;
  eventId: string;
  benefitId: string;
  amountFen: number;
  recoveredAt: string;
  reason: string | null;
}

export interface GrantKey {
  source: string;
  benefitId: string;
}

/** The case list's filters. */
export interface RecoveryCaseQuery {
  status?: RecoveryCaseStatus;
  department?: string;
  region?: string;
  personId?: string;
  limit?: number;
  offset?: number;
}

const CASE_FILTER = `($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR c.department = $2) AND ($3::text IS NULL OR c.region_code = $3)
  AND ($4::text IS NULL OR c.person_id = $4)`;
const caseFilterValues = (q: RecoveryCaseQuery) => [
  q.status ?? null,
  q.department ?? null,
  q.region ?? null,
  q.personId ?? null,
];

const CASE_COLUMNS = `c.case_id AS "caseId", c.alert_id AS "alertId", c.rule_id AS "ruleId", c.person_id AS "personId", c.department,
  c.region_code AS "regionCode", c.amount_due_fen::float8 AS "amountDueFen", c.recovered_fen::float8 AS "recoveredFen",
  (c.amount_due_fen - c.recovered_fen)::float8 AS "outstandingFen", c.status, c.basis, to_json(c.opened_at) #>> '{}' AS "openedAt", to_json(c.updated_at) #>> '{}' AS "updatedAt",
  c.closed_by AS "closedBy", c.close_reason AS "closeReason"`;

/** SQL of 追回: recoveries as they arrive, cases and the grants they claim. Inside the caller's transaction. */
@Injectable()
export class RecoveryStore {
  /** Stores recoveries once per event; returns the grants of those that were new. */
  async addRecoveries(tx: EntityManager, rows: RecoveryRow[]): Promise<GrantKey[]> {
    if (rows.length === 0) return [];
    const added: { source: string; benefit_id: string }[] = await tx.query(
      `INSERT INTO detector_recovery (source, event_id, benefit_id, amount_fen, recovered_at, reason)
       SELECT * FROM json_to_recordset($1::json) AS r(source text, event_id text, benefit_id text, amount_fen bigint, recovered_at timestamptz, reason text)
       ON CONFLICT (source, event_id) DO NOTHING RETURNING source, benefit_id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            source: r.source,
            event_id: r.eventId,
            benefit_id: r.benefitId,
            amount_fen: r.amountFen,
            recovered_at: r.recoveredAt,
            reason: r.reason,
          })),
        ),
      ],
    );
    return added.map((r) => ({ source: r.source, benefitId: r.benefit_id }));
  }

  /** The cases still open that claim any of these grants. */
  async openCasesOfGrants(tx: EntityManager, grants: GrantKey[]): Promise<string[]> {
    if (grants.length === 0) return [];
    const rows: { case_id: string }[] = await tx.query(
      `SELECT DISTINCT g.case_id FROM recovery_case_grant g JOIN unnest($1::text[], $2::text[]) AS k(source, benefit_id) USING (source, benefit_id)
       JOIN recovery_case c USING (case_id) WHERE c.status <> ALL($3)`,
      [grants.map((g) => g.source), grants.map((g) => g.benefitId), CLOSED_RECOVERY_CASE_STATUSES],
    );
    return rows.map((r) => r.case_id);
  }

  /** Cases with the grants they claim and every recovery of those grants; the cases are locked until commit. */
  async casesWithGrants(
    tx: EntityManager,
    caseIds: string[],
  ): Promise<Map<string, { state: CaseState; grants: ClaimedGrant[] }>> {
    const cases = new Map<string, { state: CaseState; grants: ClaimedGrant[] }>();
    if (caseIds.length === 0) return cases;
    const rows: {
      case_id: string;
      amount_due_fen: string;
      recovered_fen: string;
      status: RecoveryCaseStatus;
      source: string;
      benefit_id: string;
      due_fen: string;
      recoveries_fen: string;
    }[] = await tx.query(
      `SELECT c.case_id, c.amount_due_fen, c.recovered_fen, c.status, g.source, g.benefit_id, g.due_fen,
              (SELECT coalesce(sum(r.amount_fen), 0) FROM detector_recovery r WHERE r.source = g.source AND r.benefit_id = g.benefit_id) AS recoveries_fen
       FROM recovery_case c JOIN recovery_case_grant g USING (case_id) WHERE c.case_id = ANY($1) ORDER BY c.case_id FOR UPDATE OF c`,
      [caseIds],
    );
    for (const r of rows) {
      const entry = cases.get(r.case_id) ?? {
        state: {
          caseId: r.case_id,
          amountDueFen: Number(r.amount_due_fen),
          recoveredFen: Number(r.recovered_fen),
          status: r.status,
        },
        grants: [],
      };
      entry.grants.push({
        source: r.source,
        benefitId: r.benefit_id,
        dueFen: Number(r.due_fen),
        recoveriesFen: Number(r.recoveries_fen),
      });
      cases.set(r.case_id, entry);
    }
    return cases;
  }

  /** Of these alerts, the open ones no case was opened for yet. */
  async alertsWithoutCase(
    tx: EntityManager,
    alertIds: string[],
  ): Promise<{ alertId: string; personId: string | null; ruleId: string; regionCode: string | null }[]> {
    if (alertIds.length === 0) return [];
    return tx.query(
      `SELECT a.alert_id AS "alertId", a.person_id AS "personId", a.rule_id AS "ruleId", a.region_code AS "regionCode"
       FROM alert a WHERE a.alert_id = ANY($1) AND a.status = 'OPEN' AND NOT EXISTS (SELECT 1 FROM recovery_case c WHERE c.alert_id = a.alert_id)`,
      [alertIds],
    );
  }

  async insertCase(
    tx: EntityManager,
    opened: RecoveryCaseOpenedData,
    alert: { ruleId: string; regionCode: string | null },
    grants: OverpaidGrant[],
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO recovery_case (case_id, alert_id, rule_id, person_id, department, region_code, amount_due_fen, status, basis, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9, $9)`,
      [
        opened.caseId,
        opened.alertId,
        alert.ruleId,
        opened.personId,
        opened.department,
        alert.regionCode,
        opened.amountDueFen,
        opened.basis,
        at.toISOString(),
      ],
    );
    await tx.query(
      `INSERT INTO recovery_case_grant (case_id, source, benefit_id, due_fen, basis)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[])`,
      [
        opened.caseId,
        grants.map((g) => g.source),
        grants.map((g) => g.benefitId),
        grants.map((g) => g.dueFen),
        grants.map((g) => g.basis),
      ],
    );
  }

  async updateCase(tx: EntityManager, update: RecoveryCaseUpdatedData, at: Date, closedBy?: string): Promise<void> {
    await tx.query(
      `UPDATE recovery_case SET recovered_fen = $2, status = $3, updated_at = $4, closed_by = coalesce($5, closed_by), close_reason = coalesce($6, close_reason)
       WHERE case_id = $1`,
      [update.caseId, update.recoveredFen, update.status, at.toISOString(), closedBy ?? null, update.reason ?? null],
    );
  }

  /** Cases not closed whose alert is resolved RETRACTED or DISMISSED: of these households, or of these alerts. */
  async casesOfWithdrawnAlerts(
    tx: EntityManager,
    scope: { householdKeys?: string[]; alertIds?: string[] },
  ): Promise<{ caseId: string; resolution: string }[]> {
    return tx.query(
      `SELECT c.case_id AS "caseId", a.status AS resolution FROM recovery_case c JOIN alert a USING (alert_id)
       WHERE (a.household_key = ANY($1) OR a.alert_id = ANY($2)) AND a.status IN ('RETRACTED', 'DISMISSED') AND c.status <> ALL($3)`,
      [scope.householdKeys ?? [], scope.alertIds ?? [], CLOSED_RECOVERY_CASE_STATUSES],
    );
  }

  async list(db: EntityManager, query: RecoveryCaseQuery): Promise<RecoveryCaseView[]> {
    return db.query<RecoveryCaseView[]>(
      `SELECT ${CASE_COLUMNS} FROM recovery_case c WHERE ${CASE_FILTER} ORDER BY c.opened_at DESC, c.case_id LIMIT $5 OFFSET $6`,
      [...caseFilterValues(query), query.limit ?? 100, query.offset ?? 0],
    );
  }

  async count(db: EntityManager, query: RecoveryCaseQuery): Promise<number> {
    const [row] = await db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM recovery_case c WHERE ${CASE_FILTER}`,
      caseFilterValues(query),
    );
    return row.total;
  }

  /** One case with the grants it claims and their recoveries. */
  async one(db: EntityManager, caseId: string): Promise<RecoveryCaseDetailView | undefined> {
    const [found] = await db.query<RecoveryCaseView[]>(
      `SELECT ${CASE_COLUMNS} FROM recovery_case c WHERE c.case_id = $1`,
      [caseId],
    );
    if (!found) return undefined;
    const grants = await db.query<RecoveryCaseDetailView['grants']>(
      `SELECT g.source, g.benefit_id AS "benefitId", g.due_fen::float8 AS "dueFen", g.basis,
              coalesce((SELECT json_agg(json_build_object('amountFen', r.amount_fen, 'recoveredAt', r.recovered_at, 'reason', r.reason) ORDER BY r.recovered_at)
                        FROM detector_recovery r WHERE r.source = g.source AND r.benefit_id = g.benefit_id), '[]') AS recoveries
       FROM recovery_case_grant g WHERE g.case_id = $1 ORDER BY g.source, g.benefit_id`,
      [caseId],
    );
    return { ...found, grants };
  }

  /** Amounts due, recovered and outstanding by department and region (closed cases included, cancelled ones not). */
  async summary(db: EntityManager): Promise<RecoverySummaryView[]> {
    return db.query<RecoverySummaryView[]>(
      `SELECT department, region_code AS "regionCode", count(*)::int AS cases,
              sum(amount_due_fen)::float8 AS "amountDueFen", sum(recovered_fen)::float8 AS "recoveredFen",
              sum(CASE WHEN status IN ('OPEN', 'PARTIAL') THEN amount_due_fen - recovered_fen ELSE 0 END)::float8 AS "outstandingFen",
              sum(CASE WHEN status = 'WAIVED' THEN amount_due_fen - recovered_fen ELSE 0 END)::float8 AS "waivedFen"
       FROM recovery_case WHERE status <> 'CANCELLED' GROUP BY department, region_code ORDER BY department, region_code`,
    );
  }

  /** What was recovered of each grant of these persons (the unified account shows it). */
  async recoveredByGrant(db: EntityManager, grants: GrantKey[]): Promise<Map<string, number>> {
    if (grants.length === 0) return new Map();
    const rows: { source: string; benefit_id: string; fen: string }[] = await db.query(
      `SELECT r.source, r.benefit_id, sum(r.amount_fen) AS fen FROM detector_recovery r
       JOIN unnest($1::text[], $2::text[]) AS k(source, benefit_id) USING (source, benefit_id) GROUP BY r.source, r.benefit_id`,
      [grants.map((g) => g.source), grants.map((g) => g.benefitId)],
    );
    return new Map(rows.map((r) => [recordKeyOf(r.source, r.benefit_id), Number(r.fen)]));
  }
}
