import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BenefitFact, HouseholdTimeline, PersonTimeline } from '@hub/detection';
import { programNameZh } from '@hub/rules';
import { AccountsPurged, DepartmentRecordRef } from '@hub/views';
import { FactStore } from '../facts/fact-store';
import { householdKeyOf } from '../facts/household-key';
import { TimelineReader } from '../facts/timeline-reader';
import { RecoveryStore } from '../recovery/recovery-store';
import { parseSource, recordKeyOf } from '@hub/contract';

export interface YearlyTotal {
  year: number;
  program: string;
  programName: string;
  grants: number;
  /** Sum of the grants' amounts; in-kind grants (no amount) are counted in `grants` only. */
  amountFen: number;
}

/** Totals per year (of the period's start) and program, across departments. */
export function yearlyTotals(benefits: BenefitFact[]): YearlyTotal[] {
  const totals = new Map<string, YearlyTotal>();
  for (const b of benefits) {
    const year = Number(b.period.start.slice(0, 4));
    const key = `${year}|${b.program}`;
    const t = totals.get(key) ?? {
      year,
      program: b.program,
      programName: programNameZh(b.program),
      grants: 0,
      amountFen: 0,
    };
    t.grants++;
    t.amountFen += b.amountFen ?? 0;
    totals.set(key, t);
  }
  return [...totals.values()].sort((a, b) => a.year - b.year || a.program.localeCompare(b.program));
}

/** What was recovered of each grant (追回), by source and benefit id. */
type RecoveredByGrant = Map<string, number>;

const personAccount = (p: PersonTimeline, recovered: RecoveredByGrant) => ({
  personId: p.personId,
  subject: p.subject,
  householdRole: p.householdRole ?? null,
  benefits: [...p.benefits]
    .sort((a, b) => a.period.start.localeCompare(b.period.start))
    .map((b) => ({
      ...b,
      department: parseSource(b.source)?.department,
      programName: programNameZh(b.program),
      recoveredFen: recovered.get(recordKeyOf(b.source, b.benefitId)) ?? 0,
    })),
  statuses: p.statuses,
  applications: p.applications,
  yearlyTotals: yearlyTotals(p.benefits),
});

/**
 * The unified assistance account (统一救助账户): for a person or a household, every benefit from every
 * department as it counts now (corrections applied, revocations cut), with yearly totals.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly db: DataSource,
    private readonly timelines: TimelineReader,
    private readonly facts: FactStore,
    private readonly recoveries: RecoveryStore,
  ) {}

  /** A person's purge (issue 12), in one transaction. */
  purge(personIds: string[], records: DepartmentRecordRef[]): Promise<AccountsPurged> {
    return this.db.transaction((tx) => this.facts.purgePerson(tx, personIds, records));
  }

  async person(requestedId: string) {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const personId = await this.resolve(tx, requestedId);
      const rows: { household_id: string | null }[] = await tx.query(
        'SELECT household_id FROM detector_person WHERE person_id = $1',
        [personId],
      );
      if (!rows.length) throw new NotFoundException(`no person ${requestedId} in the assistance accounts`);
      const [household] = await this.timelines.households(tx, [householdKeyOf(personId, rows[0].household_id)]);
      const member = household.members.find((m) => m.personId === personId)!;
      const recovered = await this.recoveries.recoveredByGrant(tx, member.benefits);
      const recoveryCases = await this.recoveries.list(tx, { personId });
      return { requestedId, householdId: household.householdId, ...personAccount(member, recovered), recoveryCases };
    });
  }

  async household(householdId: string) {
    const [household, recovered]: [HouseholdTimeline | undefined, RecoveredByGrant] = await this.db.transaction(
      'REPEATABLE READ',
      async (tx) => {
        const [found] = await this.timelines.households(tx, [householdId]);
        return [found, await this.recoveries.recoveredByGrant(tx, found?.members.flatMap((m) => m.benefits) ?? [])];
      },
    );
    if (!household) throw new NotFoundException(`no household ${householdId} in the assistance accounts`);
    return {
      householdId,
      members: household.members.map((m) => personAccount(m, recovered)),
      yearlyTotals: yearlyTotals(household.members.flatMap((m) => m.benefits)),
    };
  }

  /** A merged person's id answers with the survivor's account. */
  private async resolve(tx: EntityManager, personId: string): Promise<string> {
    const rows: { survivor_id: string }[] = await tx.query(
      'SELECT survivor_id FROM detector_person_redirect WHERE merged_id = $1',
      [personId],
    );
    return rows[0]?.survivor_id ?? personId;
  }
}
