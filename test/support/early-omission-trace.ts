import { GeneratedFeed } from '../generator/feed';
import { AlertLedger } from './alert-ledger';
import { PublishedLink, departmentRecordKey } from './link-outcome';
import { truePersonOfEvent } from './planted-score';

/**
 * For an omission raised and then fulfilled: the decisions on `persons.links` about every record of the real
 * persons behind the alert's evidence, in the order they were published (merges naming their persons too),
 * so a failing fault run says which identity moved under the alert.
 */
export function earlyOmissionTrace(
  alertId: string,
  ledger: AlertLedger,
  links: PublishedLink[],
  feed: GeneratedFeed,
): string[] {
  const alert = ledger.alerts.get(alertId);
  if (!alert) return [];
  const personOfEvent = truePersonOfEvent(feed);
  const realPersons = new Set(alert.evidence.map((e) => personOfEvent.get(`${e.source}|${e.eventId}`)));
  const records = new Set(
    feed.truth.records
      .filter((r) => realPersons.has(r.personId))
      .map((r) => departmentRecordKey(r.source, r.sourcePersonId)),
  );
  const persons = new Set<string>(alert.personId ? [alert.personId] : []);
  const ordered = [...links].sort(
    (a, b) => a.time.localeCompare(b.time) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  const lines: string[] = [];
  for (const l of ordered) {
    const d = l.data;
    if ('survivorId' in d) {
      if ([d.survivorId, ...d.mergedIds].some((p) => persons.has(p)))
        lines.push(`${l.time} p${l.partition}@${l.offset} MERGED ${d.mergedIds.join(',')} into ${d.survivorId}`);
    } else if (records.has(departmentRecordKey(d.source, d.sourcePersonId))) {
      persons.add(d.personId);
      lines.push(
        `${l.time} p${l.partition}@${l.offset} ${d.sourcePersonId} ${d.decision} ${d.personId} score ${d.score}`,
      );
    }
  }
  return lines;
}
