import { GeneratedFeed, PlantedCase } from '../generator/feed';
import { AlertLedger, LedgerAlert } from './alert-ledger';
import { PublishedLink, departmentRecordKey } from './link-outcome';

export interface PlantedScore {
  raised: number;
  unplanted: LedgerAlert[];
  missed: PlantedCase[];
  /**
   * Omissions raised and then FULFILLED that are not planted cases: declared while the event that fulfils them
   * was still on its way. A planted one (an application verified late, by design) was right when raised.
   */
  fulfilledEarly: string[];
  precision: number;
  recall: number;
}

/**
 * Raised alerts against the generator's planted cases, from Kafka outputs only (alert-truth.ts does the
 * same from the hub's tables). An alert answers a case of its rule when it shares an evidence event with
 * the case, or when a real person behind it is one of the case's: behind an alert stand the people of
 * its evidence events and the people of the department records `persons.links` put in its person.
 */
/** The real person behind each event of the feed that names one, by `source|eventId` (as alert evidence names events). */
export function truePersonOfEvent(feed: GeneratedFeed): Map<string, string> {
  return new Map(feed.messages.filter((m) => m.truePersonId).map((m) => [`${m.source}|${m.eventId}`, m.truePersonId!]));
}

export function scorePlanted(feed: GeneratedFeed, ledger: AlertLedger, links: PublishedLink[]): PlantedScore {
  const personOfEvent = truePersonOfEvent(feed);
  const personOfRecord = new Map(
    feed.truth.records.map((r) => [departmentRecordKey(r.source, r.sourcePersonId), r.personId]),
  );
  // Hub person (as each decision named it) → real persons of its records; merges are followed by the
  // alert's own person id, which is the survivor at the time it was raised.
  const truePersonsOfHubPerson = new Map<string, Set<string>>();
  for (const l of links) {
    const data = l.data as { source?: string; sourcePersonId?: string; personId?: string; decision?: string };
    if (!data.personId || !data.source || data.decision === 'POSSIBLE_MATCH') continue;
    const truth = personOfRecord.get(departmentRecordKey(data.source, data.sourcePersonId!));
    if (truth)
      truePersonsOfHubPerson.set(data.personId, (truePersonsOfHubPerson.get(data.personId) ?? new Set()).add(truth));
  }
  const raised = [...ledger.alerts.values()].filter((a) => ledger.raised.has(a.alertId));
  const answers = (a: LedgerAlert, c: PlantedCase) => {
    if (a.ruleId !== c.ruleId) return false;
    const evidence = a.evidence.map((e) => `${e.source}|${e.eventId}`);
    if (evidence.some((e) => c.evidence.includes(e))) return true;
    const persons = new Set([
      ...evidence.map((e) => personOfEvent.get(e)),
      ...(a.personId ? (truePersonsOfHubPerson.get(a.personId) ?? []) : []),
    ]);
    return c.personIds.some((p) => persons.has(p));
  };
  const unplanted = raised.filter((a) => !feed.truth.planted.some((c) => answers(a, c)));
  const missed = feed.truth.planted.filter((c) => !raised.some((a) => answers(a, c)));
  const planted = (id: string) => feed.truth.planted.some((c) => answers(ledger.alerts.get(id)!, c));
  return {
    raised: raised.length,
    unplanted,
    missed,
    fulfilledEarly: ledger.omissionsRaisedThenFulfilled.filter((id) => !planted(id)),
    precision: (raised.length - unplanted.length) / Math.max(1, raised.length),
    recall: (feed.truth.planted.length - missed.length) / Math.max(1, feed.truth.planted.length),
  };
}
