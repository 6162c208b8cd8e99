import { Inject, Injectable } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { BenefitFact, EvidenceRef, evaluateHousehold } from '@hub/detection';
import { PersonalDataVault, first17Of, lookupHash, parseIdNumber } from '@hub/identity';
import { householdKeyOf } from '../facts/household-key';
import { TimelineReader } from '../facts/timeline-reader';
import { RuleBook } from '../rules/rule-book.service';
import { NoticeStore } from '../notices/notice-store';
import { noticePending, noticePeriodOf } from '../notices/notice-plan';
import { StandardCheck, checkAgainstStandard, countyDateOf } from '@hub/rules';
import { SOURCE_PATTERN, parseSource } from '@hub/contract';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ProposedPeriod {
  @Matches(DATE) start: string;
  @Matches(DATE) end: string;
}

export class ProposedCause {
  @IsString() @IsNotEmpty() kind: string;
  @IsString() @IsNotEmpty() ref: string;
}

export class ProposedNotice {
  @Matches(DATE) start: string;
  @Matches(DATE) end: string;
}

export class ProposedGrant {
  @IsOptional() @IsString() benefitId?: string;
  /** The department's own notice period (公示), when it ran one. */
  @IsOptional() @ValidateNested() @Type(() => ProposedNotice) notice?: ProposedNotice;
  @IsString() @IsNotEmpty() program: string;
  @ValidateNested() @Type(() => ProposedPeriod) period: ProposedPeriod;
  @IsOptional() @IsInt() @Min(0) amountFen?: number;
  @IsOptional() @ValidateNested() @Type(() => ProposedCause) cause?: ProposedCause;
}

/** 五统一 pre-payment check: would this grant, to this person, duplicate anything already granted? */
export class PrepaymentCheckRequest {
  /** The asking department's source, `/<region>/<department>/<system>`. */
  @Matches(SOURCE_PATTERN, { message: 'source: /<region>/<department>/<system> (contract section 2)' }) source: string;
  /** The department's own record of the person, if the hub has seen it... */
  @IsOptional() @IsString() sourcePersonId?: string;
  /** ...or the person's ID number. */
  @IsOptional() @IsString() idNumber?: string;
  @IsObject() @ValidateNested() @Type(() => ProposedGrant) grant: ProposedGrant;
}

export interface PrepaymentConflict {
  ruleId: string;
  severity: string;
  explanation: string;
  /** The grants already made that the proposed one would duplicate. */
  grants: EvidenceRef[];
}

/** What the check answers, as codes a department system acts on (contract section 8 adds NOTICE_PENDING). */
export type PrepaymentAnswer = 'WOULD_DUPLICATE' | 'NOTICE_PENDING' | 'ABOVE_STANDARD' | 'BELOW_STANDARD';

export interface PrepaymentCheckResult {
  personId: string | null;
  wouldDuplicate: boolean;
  conflicts: PrepaymentConflict[];
  /** Every answer that holds payment back; empty when it may go. */
  answers: PrepaymentAnswer[];
  /** The grant's public notice (公示): its period, and whether it is still running today (county time). */
  notice?: { start: string; end: string; pending: boolean };
  /** 统一救助标准: the grant held against the county's standard of its program, county and year, quoted. */
  standard?: StandardCheck;
  note?: string;
}

const PROPOSED_EVENT = 'proposed';

/** A person of the detector's accounts, as findPerson reads it. */
interface PersonRow {
  person_id: string;
  household_id: string | null;
}

/**
 * Runs the duplicate rules of the pack in force on the person's household as if the proposed grant had
 * been made, and returns the findings the proposed grant takes part in: exactly what an alert would
 * say after payment, said before it. Nothing is stored.
 */
@Injectable()
export class PrepaymentCheckService {
  constructor(
    private readonly db: DataSource,
    private readonly timelines: TimelineReader,
    private readonly rules: RuleBook,
    private readonly notices: NoticeStore,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async check(request: PrepaymentCheckRequest): Promise<PrepaymentCheckResult> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const notice = await this.notice(tx, request);
      const standard = checkAgainstStandard(
        {
          program: request.grant.program,
          region: parseSource(request.source)!.region,
          amountFen: request.grant.amountFen ?? null,
          period: request.grant.period,
          causeKind: request.grant.cause?.kind,
        },
        this.rules.standards,
      );
      const outside =
        standard.verdict === 'ABOVE_STANDARD' || standard.verdict === 'BELOW_STANDARD' ? [standard.verdict] : [];
      const answered = (r: Omit<PrepaymentCheckResult, 'answers' | 'notice' | 'standard'>): PrepaymentCheckResult => ({
        ...r,
        answers: [
          ...(r.wouldDuplicate ? ['WOULD_DUPLICATE' as const] : []),
          ...(notice?.pending ? ['NOTICE_PENDING' as const] : []),
          ...outside,
        ],
        ...(notice ? { notice } : {}),
        ...(standard.verdict === 'NO_STANDARD' ? {} : { standard }),
      });
      const person = await this.findPerson(tx, request);
      if (!person)
        return answered({
          personId: null,
          wouldDuplicate: false,
          conflicts: [],
          note: 'the hub has no record of this person: no assistance to duplicate',
        });
      const [household] = await this.timelines.households(tx, [householdKeyOf(person.personId, person.householdId)]);
      const member = household?.members.find((m) => m.personId === person.personId);
      if (!household || !member) return answered({ personId: person.personId, wouldDuplicate: false, conflicts: [] });
      const benefitId = request.grant.benefitId ?? 'PROPOSED';
      const proposed: BenefitFact = {
        source: request.source,
        benefitId,
        program: request.grant.program,
        amountFen: request.grant.amountFen ?? null,
        period: request.grant.period,
        cause: request.grant.cause ?? null,
        regionCode: parseSource(request.source)!.region,
        grantedAt: new Date().toISOString(),
        evidence: {
          source: request.source,
          eventId: PROPOSED_EVENT,
          topic: '',
          partition: -1,
          offset: -1,
          benefitId,
          program: request.grant.program,
        },
      };
      // A correction of an existing grant replaces it, as the event would.
      member.benefits = [
        ...member.benefits.filter((b) => !(b.source === request.source && b.benefitId === benefitId)),
        proposed,
      ];
      // Amounts against the standard are answered apart (ABOVE_STANDARD), not as a duplicate.
      const duplicateRules = {
        ...this.rules.pack,
        rules: this.rules.pack.rules.filter((r) => r.kind === 'DUPLICATE' && r.template !== 'outside-standard'),
      };
      const evaluation = evaluateHousehold(duplicateRules, this.rules.calendar, household, new Date());
      const conflicts = evaluation.findings
        .filter((f) => f.evidence.some((e) => e.eventId === PROPOSED_EVENT))
        .map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          explanation: f.explanation,
          grants: f.evidence.filter((e) => e.eventId !== PROPOSED_EVENT),
        }));
      return answered({ personId: person.personId, wouldDuplicate: conflicts.length > 0, conflicts });
    });
  }

  /**
   * The grant's notice (公示, contract section 8): a grant the hub holds, by its own period or the rule pack's; a grant
   * not sent yet, by the notice the request names, else as if granted today (its notice has not run). Pending while
   * today, in county time, is not past its end: the check is asked at the moment of payment, so the wall clock.
   */
  private async notice(tx: EntityManager, request: PrepaymentCheckRequest): Promise<PrepaymentCheckResult['notice']> {
    const settings = this.rules.pack.publicNotice;
    const stored =
      request.grant.benefitId && !request.grant.notice
        ? await this.notices.grantNotice(tx, request.source, request.grant.benefitId, settings)
        : undefined;
    const period =
      stored !== undefined
        ? stored
        : noticePeriodOf(
            { program: request.grant.program, grantedAt: new Date(), notice: request.grant.notice ?? null },
            settings,
          );
    if (!period) return undefined;
    return { ...period, pending: noticePending(period, countyDateOf(new Date())) };
  }

  private async findPerson(
    tx: EntityManager,
    request: PrepaymentCheckRequest,
  ): Promise<{ personId: string; householdId: string | null } | undefined> {
    if (request.sourcePersonId) {
      const rows: PersonRow[] = await tx.query(
        `SELECT p.person_id, p.household_id FROM detector_source_person s JOIN detector_person p ON p.person_id = s.person_id WHERE s.source = $1 AND s.source_person_id = $2`,
        [request.source, request.sourcePersonId],
      );
      if (rows.length) return { personId: rows[0].person_id, householdId: rows[0].household_id };
    }
    if (request.idNumber) {
      const first17 = first17Of(parseIdNumber(request.idNumber));
      if (first17) {
        const rows: PersonRow[] = await tx.query(
          'SELECT person_id, household_id FROM detector_person WHERE id_first17 = $1 ORDER BY updated_at DESC LIMIT 1',
          [lookupHash.idFirst17(this.vault, first17)],
        );
        if (rows.length) return { personId: rows[0].person_id, householdId: rows[0].household_id };
      }
    }
    return undefined;
  }
}
