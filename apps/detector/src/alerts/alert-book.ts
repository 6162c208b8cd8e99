import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Finding, RuleEvaluation } from '@hub/detection';
import { formatCountyInstant } from '@hub/rules';
import { ALERT_TYPES, TopicNames, hubCloudEvent } from '@hub/topics';
import { AlertResolution, AlertStatus, UNRESOLVED_ALERT_STATUSES } from '@hub/views';
import { parseSource } from '@hub/contract';

/** Statuses a finding can still be resolved from. */
const UNRESOLVED: readonly AlertStatus[] = UNRESOLVED_ALERT_STATUSES;
export type Resolution = AlertResolution;
const SOURCE = '/hub/detector';

export interface HouseholdEvaluation {
  householdKey: string;
  evaluation: RuleEvaluation;
  /**
   * HELD while a review pair of the household is open and younger than the hold span: its omissions are neither
   * raised nor retracted. UNSETTLED once the span has passed with the pair still open: omissions become PROVISIONAL.
   */
  identity?: { state: 'HELD' | 'UNSETTLED'; heldUntil: Date };
}

export interface SettleCounts {
  raised: number;
  provisional: number;
  fulfilled: number;
  retracted: number;
  held: number;
}

/**
 * Alerts and their history. Compares what the rules find now with the alerts already raised for the
 * households evaluated: a new finding is raised (once: an alert id is never raised twice); an open
 * alert whose omission was filled resolves FULFILLED; one no longer found, RETRACTED (evidence revoked,
 * records unlinked or merged). Every change is a history row in the same transaction; the
 * history doubles as the outbox that AlertPublisher sends to Kafka after commit.
 */
@Injectable()
export class AlertBook {
  constructor(private readonly topics: TopicNames) {}

  async settle(tx: EntityManager, evaluated: HouseholdEvaluation[], eventTime: Date): Promise<SettleCounts> {
    const counts: SettleCounts = { raised: 0, provisional: 0, fulfilled: 0, retracted: 0, held: 0 };
    if (evaluated.length === 0) return counts;
    const found = new Map<string, { finding: Finding; householdKey: string; provisional: boolean }>();
    const fulfilled = new Set<string>();
    // Omissions of a household with an open review pair wait for the reviewer (or the hold's end), then count.
    const held = new Set<string>();
    const holdEnds: { household_key: string; alert_id: string; due_at: Date }[] = [];
    for (const h of evaluated) {
      for (const f of h.evaluation.findings) {
        if (h.identity?.state === 'HELD' && f.kind === 'OMISSION') {
          held.add(f.alertId);
          holdEnds.push({ household_key: h.householdKey, alert_id: f.alertId, due_at: h.identity.heldUntil });
        } else found.set(f.alertId, { finding: f, householdKey: h.householdKey, provisional: h.identity?.state === 'UNSETTLED' && f.kind === 'OMISSION' });
      }
      for (const id of h.evaluation.fulfilled) fulfilled.add(id);
    }
    counts.held = held.size;
    const keys = evaluated.map((h) => h.householdKey);
    const evaluatedKeys = new Set(keys);
    const existing: { alert_id: string; status: string; household_key: string }[] = await tx.query(
      'SELECT alert_id, status, household_key FROM alert WHERE household_key = ANY($1) OR alert_id = ANY($2) FOR UPDATE',
      [keys, [...found.keys()]],
    );
    const known = new Map(existing.map((a) => [a.alert_id, a]));
    const detectedAt = formatCountyInstant(eventTime);

    for (const [alertId, { finding, householdKey, provisional }] of found) {
      const before = known.get(alertId);
      if (!before) {
        const raised = { ...finding, detectedAt };
        await tx.query(
          `INSERT INTO alert (alert_id, kind, rule_id, severity, person_id, household_id, household_key, region_code, status, raised, detected_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $11, $9, $10)`,
          [alertId, finding.kind, finding.ruleId, finding.severity, finding.personId, finding.householdId, householdKey, regionOf(finding), JSON.stringify(raised), eventTime.toISOString(), provisional ? 'PROVISIONAL' : 'OPEN'],
        );
        if (provisional) {
          await this.record(tx, finding, 'PROVISIONAL', ALERT_TYPES.provisional, { ...raised, identitySettled: false }, eventTime);
          counts.provisional++;
        } else {
          await this.record(tx, finding, 'RAISED', ALERT_TYPES.raised, raised, eventTime);
          counts.raised++;
        }
      } else if (before.status === 'PROVISIONAL' && !provisional) {
        // Who is who is settled and the finding stands: now it is a confirmed alert, raised once.
        const raised = { ...finding, detectedAt };
        await tx.query('UPDATE alert SET status = $2, raised = $3, detected_at = $4, household_key = $5 WHERE alert_id = $1', [alertId, 'OPEN', JSON.stringify(raised), eventTime.toISOString(), householdKey]);
        await this.record(tx, finding, 'RAISED', ALERT_TYPES.raised, raised, eventTime);
        counts.raised++;
      } else if (before.household_key !== householdKey) {
        // The same finding, now seen from another household (a member moved, persons merged).
        await tx.query('UPDATE alert SET household_key = $2, person_id = $3, household_id = $4 WHERE alert_id = $1', [alertId, householdKey, finding.personId, finding.householdId]);
      }
    }
    // Open alerts, including those just raised: filled omissions resolve FULFILLED (a late one is raised
    // and filled in the same cycle when the hub learns of both at once); gone findings RETRACTED.
    const open = new Set([...existing.filter((a) => UNRESOLVED.includes(a.status as AlertStatus)).map((a) => a.alert_id), ...[...found.keys()].filter((id) => !known.has(id))]);
    for (const alertId of open) {
      const householdKey = found.get(alertId)?.householdKey ?? known.get(alertId)!.household_key;
      if (fulfilled.has(alertId)) {
        await this.resolve(tx, alertId, 'FULFILLED', eventTime, '所需救助已发放');
        counts.fulfilled++;
      } else if (!found.has(alertId) && !held.has(alertId) && evaluatedKeys.has(householdKey)) {
        await this.resolve(tx, alertId, 'RETRACTED', eventTime, '依据的记录已撤销或人员关联已变更');
        counts.retracted++;
      }
    }
    await tx.query('DELETE FROM detector_due WHERE household_key = ANY($1)', [keys]);
    const pending = [...evaluated.flatMap((h) => h.evaluation.pending.map((p) => ({ household_key: h.householdKey, alert_id: p.alertId, due_at: p.dueAt }))), ...holdEnds];
    if (pending.length) {
      await tx.query(
        `INSERT INTO detector_due (household_key, alert_id, due_at) SELECT * FROM json_to_recordset($1::json) AS r(household_key text, alert_id text, due_at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(pending)],
      );
    }
    return counts;
  }

  /** Resolves an open or provisional alert; false when it was neither (already resolved, or unknown). */
  async resolve(tx: EntityManager, alertId: string, resolution: Resolution, at: Date, reason: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, rowCount], not with the rows as for SELECT and INSERT.
    const [rows]: [{ kind: string; rule_id: string }[], number] = await tx.query(
      `UPDATE alert SET status = $2, resolution = $2, resolved_at = $3, reason = $4 WHERE alert_id = $1 AND status = ANY($5) RETURNING kind, rule_id`,
      [alertId, resolution, at.toISOString(), reason, UNRESOLVED],
    );
    if (rows.length === 0) return false;
    const resolved = { alertId, resolution, resolvedAt: formatCountyInstant(at), reason };
    await this.record(tx, { alertId, kind: rows[0].kind as Finding['kind'] }, resolution, ALERT_TYPES.resolved, resolved, at);
    return true;
  }

  private async record(tx: EntityManager, alert: Pick<Finding, 'alertId' | 'kind'>, change: string, type: string, data: object, at: Date): Promise<void> {
    const topic = alert.kind === 'DUPLICATE' ? this.topics.duplicateAlerts : this.topics.omissionAlerts;
    await tx.query('INSERT INTO alert_history (alert_id, change, topic, cloud_event) VALUES ($1, $2, $3, $4)', [alert.alertId, change, topic, hubCloudEvent(SOURCE, type, data, at)]);
  }
}

/** The region of the first grant in the evidence, for filtering alerts by county (issue 5). */
function regionOf(finding: Finding): string | null {
  const source = finding.evidence[0]?.source;
  return source === undefined ? null : (parseSource(source)?.region ?? null);
}
