import { Client } from 'pg';
import { recordKeyOf } from '@hub/contract';
import { GeneratedFeed, PlantedCase } from '../generator/feed';

export interface StoredAlert {
  alertId: string;
  ruleId: string;
  status: string;
  /** The real persons behind the alert's hub person (or its household's members), by the generator's truth. */
  truePersons: Set<string>;
  /** A person of the alert (or of its household) is in a review pair no reviewer has settled yet. */
  underReview: boolean;
  /** The alert's hub person holds records of more than one real person: the matcher joined different people. */
  joinsPeople: boolean;
  /** Published as a confirmed claim (RAISED) at some point, whatever its state now. */
  everRaised: boolean;
  explanation: string;
}

export interface AlertScore {
  alerts: StoredAlert[];
  found: PlantedCase[];
  missed: PlantedCase[];
  /** Alerts that answer no planted case. */
  unplanted: StoredAlert[];
  precision: number;
  /** Precision over the alerts published as confirmed: PROVISIONAL ones (identity unsettled) left out. */
  confirmedPrecision: number;
  /** Alerts still PROVISIONAL. */
  provisional: number;
  recall: number;
  /**
   * Over the alerts ever published as confirmed claims (RAISED), resolved since or not: what township workers were
   * asked to act on. Once reviewers have settled every pair, no alert is left PROVISIONAL and this is the figure.
   */
  raisedPrecision: number;
  raisedRecall: number;
}

/** The real person behind each department record of the feed, by `recordKeyOf(source, sourcePersonId)`. */
export function truePersonOfRecord(feed: GeneratedFeed): Map<string, string> {
  return new Map(feed.truth.records.map((r) => [recordKeyOf(r.source, r.sourcePersonId), r.personId]));
}

/**
 * Alerts in the detector's table against the generator's planted cases: an alert answers a case when
 * the rule is the same and the real persons behind it (through the matcher's links and the truth of
 * the records) include one of the case's persons.
 */
export async function scoreAlerts(db: Client, feed: GeneratedFeed): Promise<AlertScore> {
  const truthOfRecord = truePersonOfRecord(feed);
  const records: { source: string; source_person_id: string; person_id: string }[] = (
    await db.query('SELECT source, source_person_id, person_id FROM person_record')
  ).rows;
  const truePersonsOf = new Map<string, Set<string>>();
  for (const r of records) {
    const truth = truthOfRecord.get(recordKeyOf(r.source, r.source_person_id));
    if (!truth) continue;
    const set = truePersonsOf.get(r.person_id) ?? new Set<string>();
    set.add(truth);
    truePersonsOf.set(r.person_id, set);
  }
  const members: { person_id: string; household_id: string }[] = (
    await db.query('SELECT person_id, household_id FROM detector_person WHERE household_id IS NOT NULL')
  ).rows;
  const rows: {
    alert_id: string;
    rule_id: string;
    status: string;
    person_id: string | null;
    household_id: string | null;
    explanation: string | null;
  }[] = (
    await db.query(
      `SELECT alert_id, rule_id, status, person_id, household_id, raised->>'explanation' AS explanation FROM alert`,
    )
  ).rows;
  const raised = new Set(
    (await db.query(`SELECT DISTINCT alert_id FROM alert_history WHERE change = 'RAISED'`)).rows.map(
      (r: { alert_id: string }) => r.alert_id,
    ),
  );
  // Persons of open review pairs, as they are now (through merges): the record's person and the proposed one.
  const reviewed: { person_id: string }[] = (
    await db.query(
      `SELECT coalesce(p.merged_into, p.person_id) AS person_id FROM match_review m
       JOIN person_record r USING (source, source_person_id) JOIN person p ON p.person_id IN (r.person_id, m.candidate_person_id)
       WHERE m.status = 'OPEN'`,
    )
  ).rows;
  const underReview = new Set(reviewed.map((r) => r.person_id));
  const alerts = rows.map((a) => {
    const hubPersons = a.person_id
      ? [a.person_id]
      : members.filter((m) => m.household_id === a.household_id).map((m) => m.person_id);
    // Holds work per household: a person's alert waits when anyone of the household is under review.
    const householdPersons = a.household_id
      ? members.filter((m) => m.household_id === a.household_id).map((m) => m.person_id)
      : hubPersons;
    return {
      alertId: a.alert_id,
      ruleId: a.rule_id,
      status: a.status,
      truePersons: new Set(hubPersons.flatMap((p) => [...(truePersonsOf.get(p) ?? [])])),
      underReview: householdPersons.some((p) => underReview.has(p)),
      joinsPeople: hubPersons.some((p) => (truePersonsOf.get(p)?.size ?? 0) > 1),
      everRaised: raised.has(a.alert_id),
      explanation: a.explanation ?? '',
    };
  });
  const answers = (a: StoredAlert, c: PlantedCase) =>
    a.ruleId === c.ruleId && c.personIds.some((p) => a.truePersons.has(p));
  const found = feed.truth.planted.filter((c) => alerts.some((a) => answers(a, c)));
  const missed = feed.truth.planted.filter((c) => !found.includes(c));
  const unplanted = alerts.filter((a) => !feed.truth.planted.some((c) => answers(a, c)));
  // Provisional alerts (identity unsettled) are published as such, never as confirmed claims (issue 10).
  const confirmed = alerts.filter((a) => a.status !== 'PROVISIONAL');
  const confirmedUnplanted = unplanted.filter((a) => a.status !== 'PROVISIONAL');
  const everRaised = alerts.filter((a) => a.everRaised);
  const foundRaised = feed.truth.planted.filter((c) => everRaised.some((a) => answers(a, c)));
  return {
    alerts,
    found,
    missed,
    unplanted,
    precision: (alerts.length - unplanted.length) / Math.max(1, alerts.length),
    confirmedPrecision: (confirmed.length - confirmedUnplanted.length) / Math.max(1, confirmed.length),
    provisional: alerts.length - confirmed.length,
    recall: found.length / Math.max(1, feed.truth.planted.length),
    raisedPrecision:
      (everRaised.length - unplanted.filter((a) => a.everRaised).length) / Math.max(1, everRaised.length),
    raisedRecall: foundRaised.length / Math.max(1, feed.truth.planted.length),
  };
}
