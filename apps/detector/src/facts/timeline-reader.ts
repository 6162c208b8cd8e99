import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ApplicationFact,
  BenefitFact,
  EvidenceRef,
  HouseholdTimeline,
  PersonTimeline,
  ReferralFact,
  StatusFact,
} from '@hub/detection';
import { householdKeyOf, parseHouseholdKey } from './household-key';

const day = (d: Date | string | null): string | null =>
  d == null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const instant = (d: Date | string | null): string | null =>
  d == null ? null : typeof d === 'string' ? d : d.toISOString();

/** Rows as node-postgres reads them: dates and instants come as Date, bigint as string. */
type When = Date | string | null;
interface BenefitRow {
  person_id: string;
  source: string;
  benefit_id: string;
  program: string;
  amount_fen: string | null;
  period_start: When;
  period_end: When;
  revoked_from: When;
  cause_kind: string | null;
  cause_ref: string | null;
  region_code: string;
  granted_at: When;
  evidence: EvidenceRef;
}
interface StatusRow {
  person_id: string;
  source: string;
  status_id: string;
  status: string;
  valid_from: When;
  valid_to: When;
  ended_to: When;
  attributes: Record<string, unknown> | null;
  asserted_at: When;
  evidence: EvidenceRef;
}
interface ApplicationRow {
  person_id: string;
  source: string;
  application_id: string;
  program: string;
  channel: string | null;
  received_at: When;
  verified_at: When;
  decided_at: When;
  decision: ApplicationFact['decision'];
  evidence: EvidenceRef;
}

interface ReferralRow {
  source: string;
  application_id: string;
  to_department: string;
  need: string;
  referred_at: When;
  evidence: EvidenceRef;
  decided_at: When;
  decision: ReferralFact['decision'];
}

/** The day before a county date, as a county date. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Reads households' timelines for rule evaluation: members, then their grants (cut at revocation:
 * from `effective` on a grant no longer counts), statuses (ended ones closed) and applications (with their referrals).
 * Rows still waiting for their grant or assertion (a revocation or an end that came first) are left out.
 */
@Injectable()
export class TimelineReader {
  async households(tx: EntityManager, keys: Iterable<string>): Promise<HouseholdTimeline[]> {
    const list = [...keys];
    if (list.length === 0) return [];
    const targets = list.map(parseHouseholdKey);
    const householdIds = new Set(targets.flatMap((t) => (t.householdId === undefined ? [] : [t.householdId])));
    let loneIds = targets.flatMap((t) => (t.personId === undefined ? [] : [t.personId]));
    // A key from before a person joined a household (a due window, an alert) reads the whole
    // household: evaluating one member alone would make the others' alerts look gone.
    const joined: { person_id: string; household_id: string }[] = await tx.query(
      'SELECT person_id, household_id FROM detector_person WHERE person_id = ANY($1) AND household_id IS NOT NULL',
      [loneIds],
    );
    for (const j of joined) householdIds.add(j.household_id);
    const placed = new Set(joined.map((j) => j.person_id));
    loneIds = loneIds.filter((id) => !placed.has(id));
    const members: {
      person_id: string;
      household_id: string | null;
      household_role: string | null;
      subject: PersonTimeline['subject'];
    }[] = await tx.query(
      // Two index reads, not one OR: with a few thousand keys PostgreSQL read the OR by scanning every person of the
      // county. The lone persons have no household (just read), so the two parts never share a row.
      `SELECT person_id, household_id, household_role, subject FROM detector_person WHERE household_id = ANY($1)
       UNION ALL
       SELECT person_id, household_id, household_role, subject FROM detector_person WHERE person_id = ANY($2)
       ORDER BY person_id`,
      [[...householdIds], loneIds],
    );
    const people = new Map<string, PersonTimeline>(
      members.map((m) => [
        m.person_id,
        {
          personId: m.person_id,
          subject: m.subject,
          householdRole: m.household_role,
          benefits: [],
          statuses: [],
          applications: [],
        },
      ]),
    );
    const ids = [...people.keys()];
    const grants: BenefitRow[] = await tx.query(
      'SELECT * FROM detector_benefit WHERE person_id = ANY($1) AND period_start IS NOT NULL ORDER BY source, benefit_id',
      [ids],
    );
    for (const g of grants) {
      const start = day(g.period_start)!;
      let end = day(g.period_end)!;
      const revokedFrom = day(g.revoked_from);
      if (revokedFrom && revokedFrom <= end) end = dayBefore(revokedFrom);
      if (end < start) continue; // withdrawn before it began: it never counted
      const fact: BenefitFact = {
        source: g.source,
        benefitId: g.benefit_id,
        program: g.program,
        amountFen: g.amount_fen == null ? null : Number(g.amount_fen),
        period: { start, end },
        cause: g.cause_ref && g.cause_kind ? { kind: g.cause_kind, ref: g.cause_ref } : null,
        regionCode: g.region_code,
        grantedAt: instant(g.granted_at)!,
        evidence: g.evidence,
      };
      people.get(g.person_id)?.benefits.push(fact);
    }
    const statuses: StatusRow[] = await tx.query(
      'SELECT * FROM detector_status WHERE person_id = ANY($1) AND status IS NOT NULL ORDER BY source, status_id',
      [ids],
    );
    for (const s of statuses) {
      const fact: StatusFact = {
        source: s.source,
        statusId: s.status_id,
        status: s.status,
        validFrom: day(s.valid_from)!,
        validTo: day(s.ended_to) ?? day(s.valid_to),
        attributes: s.attributes ?? {},
        assertedAt: instant(s.asserted_at)!,
        evidence: s.evidence,
      };
      if (fact.validTo && fact.validTo < fact.validFrom) continue;
      people.get(s.person_id)?.statuses.push(fact);
    }
    const applications: ApplicationRow[] = await tx.query(
      'SELECT * FROM detector_application WHERE person_id = ANY($1) AND received_at IS NOT NULL ORDER BY source, application_id',
      [ids],
    );
    // Referrals (contract v1.1 §8) under their application; one whose referred event has not come yet is left out.
    const referrals: ReferralRow[] =
      applications.length === 0
        ? []
        : await tx.query(
            `SELECT r.* FROM detector_referral r JOIN unnest($1::text[], $2::text[]) AS k(source, application_id) ON r.source = k.source AND r.application_id = k.application_id
       WHERE r.referred_at IS NOT NULL ORDER BY r.source, r.application_id, r.to_department`,
            [applications.map((a) => a.source), applications.map((a) => a.application_id)],
          );
    const referralsOf = new Map<string, ReferralFact[]>();
    for (const r of referrals) {
      const k = `${r.source}\u0000${r.application_id}`;
      const fact: ReferralFact = {
        toDepartment: r.to_department,
        need: r.need,
        referredAt: instant(r.referred_at)!,
        decidedAt: instant(r.decided_at),
        decision: r.decision,
        evidence: r.evidence,
      };
      referralsOf.set(k, [...(referralsOf.get(k) ?? []), fact]);
    }
    for (const a of applications) {
      const fact: ApplicationFact = {
        source: a.source,
        applicationId: a.application_id,
        program: a.program,
        channel: a.channel,
        receivedAt: instant(a.received_at)!,
        verifiedAt: instant(a.verified_at),
        decidedAt: instant(a.decided_at),
        decision: a.decision,
        evidence: a.evidence,
        referrals: referralsOf.get(`${a.source}\u0000${a.application_id}`) ?? [],
      };
      people.get(a.person_id)?.applications.push(fact);
    }
    const byKey = new Map<string, HouseholdTimeline>();
    for (const m of members) {
      const key = householdKeyOf(m.person_id, m.household_id);
      const household = byKey.get(key) ?? { householdId: m.household_id, members: [] };
      household.members.push(people.get(m.person_id)!);
      byKey.set(key, household);
    }
    return [...byKey.values()];
  }
}
