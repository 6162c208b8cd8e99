import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Finding } from '@hub/detection';
import { formatCountyInstant } from '@hub/rules';
import { parseSource } from '@hub/contract';
import { ALERT_TYPES, TopicNames, hubCloudEvent } from '@hub/topics';
import { AlertResolution } from '@hub/views';
import {
  AlertChange,
  HouseholdEvaluation,
  SettleClock,
  SettleCounts,
  SettlePlan,
  UNRESOLVED,
  planSettlement,
  sortFindings,
} from './settle-plan';

export type { HouseholdEvaluation, SettleClock, SettleCounts } from './settle-plan';
export type Resolution = AlertResolution;
const SOURCE = '/hub/detector';

/**
 * Alerts and their history. Compares what the rules find now with the alerts already raised for the
 * households evaluated (`planSettlement`, pure): a new finding is raised (once: an alert id is never raised
 * twice); an open alert whose omission was filled resolves FULFILLED; one no longer found, RETRACTED
 * (evidence revoked, records unlinked or merged). Every change is a history row in the same transaction; the
 * history doubles as the outbox that AlertPublisher sends to Kafka after commit.
 */
@Injectable()
export class AlertBook {
  constructor(private readonly topics: TopicNames) {}

  async settle(tx: EntityManager, evaluated: HouseholdEvaluation[], clock: SettleClock): Promise<SettleCounts> {
    if (evaluated.length === 0) return { raised: 0, provisional: 0, fulfilled: 0, retracted: 0, held: 0 };
    const sorted = sortFindings(evaluated, clock);
    const stored: { alert_id: string; status: string; household_key: string }[] = await tx.query(
      'SELECT alert_id, status, household_key FROM alert WHERE household_key = ANY($1) OR alert_id = ANY($2) FOR UPDATE',
      [sorted.householdKeys, [...sorted.found.keys()]],
    );
    const plan = planSettlement(
      evaluated,
      sorted,
      stored.map((a) => ({ alertId: a.alert_id, status: a.status, householdKey: a.household_key })),
      clock,
    );
    await this.apply(tx, plan);
    return plan.counts;
  }

  /** Stores a settlement: alert rows and their history, resolutions, then the households' due rows. */
  private async apply(tx: EntityManager, plan: SettlePlan): Promise<void> {
    for (const change of plan.changes) await this.change(tx, change);
    for (const r of plan.resolutions) await this.resolve(tx, r.alertId, r.resolution, plan.resolvedAt!, r.reason);
    await tx.query('DELETE FROM detector_due WHERE household_key = ANY($1)', [plan.householdKeys]);
    if (plan.due.length) {
      await tx.query(
        `INSERT INTO detector_due (household_key, alert_id, due_at) SELECT * FROM json_to_recordset($1::json) AS r(household_key text, alert_id text, due_at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(plan.due)],
      );
    }
  }

  private async change(tx: EntityManager, c: AlertChange): Promise<void> {
    switch (c.kind) {
      case 'raise': {
        const { finding } = c;
        await tx.query(
          `INSERT INTO alert (alert_id, kind, rule_id, severity, person_id, household_id, household_key, region_code, status, raised, detected_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $11, $9, $10)`,
          [
            c.alertId,
            finding.kind,
            finding.ruleId,
            finding.severity,
            finding.personId,
            finding.householdId,
            c.householdKey,
            regionOf(finding),
            JSON.stringify(c.raised),
            c.at.toISOString(),
            c.provisional ? 'PROVISIONAL' : 'OPEN',
          ],
        );
        if (c.provisional)
          await this.record(
            tx,
            finding,
            'PROVISIONAL',
            ALERT_TYPES.provisional,
            { ...c.raised, identitySettled: false },
            c.at,
          );
        else await this.record(tx, finding, 'RAISED', ALERT_TYPES.raised, c.raised, c.at);
        return;
      }
      case 'confirm':
        await tx.query(
          'UPDATE alert SET status = $2, raised = $3, detected_at = $4, household_key = $5 WHERE alert_id = $1',
          [c.alertId, 'OPEN', JSON.stringify(c.raised), c.at.toISOString(), c.householdKey],
        );
        await this.record(tx, c.finding, 'RAISED', ALERT_TYPES.raised, c.raised, c.at);
        return;
      case 'move':
        await tx.query('UPDATE alert SET household_key = $2, person_id = $3, household_id = $4 WHERE alert_id = $1', [
          c.alertId,
          c.householdKey,
          c.personId,
          c.householdId,
        ]);
        return;
    }
  }

  /** Resolves an open or provisional alert; false when it was neither (already resolved, or unknown). */
  async resolve(
    tx: EntityManager,
    alertId: string,
    resolution: Resolution,
    at: Date,
    reason: string,
  ): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, rowCount], not with the rows as for SELECT and INSERT.
    const [rows]: [{ kind: string; rule_id: string }[], number] = await tx.query(
      `UPDATE alert SET status = $2, resolution = $2, resolved_at = $3, reason = $4 WHERE alert_id = $1 AND status = ANY($5) RETURNING kind, rule_id`,
      [alertId, resolution, at.toISOString(), reason, UNRESOLVED],
    );
    if (rows.length === 0) return false;
    const resolved = { alertId, resolution, resolvedAt: formatCountyInstant(at), reason };
    await this.record(
      tx,
      { alertId, kind: rows[0].kind as Finding['kind'] },
      resolution,
      ALERT_TYPES.resolved,
      resolved,
      at,
    );
    return true;
  }

  private async record(
    tx: EntityManager,
    alert: Pick<Finding, 'alertId' | 'kind'>,
    change: string,
    type: string,
    data: object,
    at: Date,
  ): Promise<void> {
    const topic = alert.kind === 'DUPLICATE' ? this.topics.duplicateAlerts : this.topics.omissionAlerts;
    await tx.query('INSERT INTO alert_history (alert_id, change, topic, cloud_event) VALUES ($1, $2, $3, $4)', [
      alert.alertId,
      change,
      topic,
      hubCloudEvent(SOURCE, type, data, at),
    ]);
  }
}

/** The region of the first grant in the evidence, for filtering alerts by county (issue 5). */
function regionOf(finding: Finding): string | null {
  const source = finding.evidence[0]?.source;
  return source === undefined ? null : (parseSource(source)?.region ?? null);
}
