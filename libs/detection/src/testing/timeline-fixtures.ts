import {
  DEFAULT_RULE_PACK_FILE,
  RuleDefinition,
  RulePack,
  WorkingDayCalendar,
  endOfCountyDay,
  loadRulePack,
} from '@hub/rules';
import { evaluateHousehold } from '../evaluate-household';
import { RuleEvaluation } from '../finding';
import {
  ApplicationFact,
  BenefitFact,
  EvidenceRef,
  HouseholdTimeline,
  PersonTimeline,
  ReferralFact,
  StatusFact,
} from '../timeline';
import { parseSource } from '@hub/contract';

/**
 * Households for specs: facts built from a few business fields, evidence derived from the ids (so the
 * same fact always carries the same evidence), and the shipped rule pack and calendar.
 */

export const DEFAULT_PACK: RulePack = loadRulePack(DEFAULT_RULE_PACK_FILE);
export const CALENDAR: WorkingDayCalendar = WorkingDayCalendar.load(DEFAULT_PACK.calendarFile);

export function ruleOf<R extends RuleDefinition = RuleDefinition>(id: string): R {
  const rule = DEFAULT_PACK.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id} in the default pack`);
  return rule as R;
}

/** The pack with only these rules (a spec about one rule is not disturbed by the others). */
export function packWith(...rules: RuleDefinition[]): RulePack {
  return { ...DEFAULT_PACK, rules };
}

export function evaluateWith(rule: RuleDefinition, household: HouseholdTimeline, now: Date): RuleEvaluation {
  return evaluateHousehold(packWith(rule), CALENDAR, household, now);
}

/** The last millisecond of a county day, and the first one after it. */
export function endOf(date: string): Date {
  return endOfCountyDay(date);
}
export function after(date: string): Date {
  return new Date(endOfCountyDay(date).getTime() + 1);
}

const SOURCE_OF_PROGRAM: Record<string, string> = {
  DIBAO: '/330502/civil-affairs/dibao',
  TEKUN_SUPPORT: '/330502/civil-affairs/tekun',
  TEMPORARY: '/330502/civil-affairs/temporary',
  DISASTER_RELIEF: '/330502/civil-affairs/disaster',
  MEDICAL_ASSIST: '/330502/health/medical-assist',
  INSURANCE_SUBSIDY: '/330502/health/insurance',
  EDUCATION_ASSIST: '/330502/education/assist',
  EMPLOYMENT_ASSIST: '/330502/human-resources/employment',
  CHARITY_MEDICAL: '/330502/charity/c001',
  CHARITY_EDUCATION: '/330502/charity/c001',
  CHARITY_EMERGENCY: '/330502/charity/c001',
};

function evidenceOf(source: string, id: string, extra: Partial<EvidenceRef>): EvidenceRef {
  const department = parseSource(source)?.department ?? 'civil-affairs';
  return { source, eventId: `ev-${id}`, topic: `intake.${department}`, partition: 0, offset: 0, ...extra };
}

export interface GrantFields {
  program: string;
  start: string;
  end?: string;
  benefitId?: string;
  source?: string;
  amountFen?: number | null;
  causeRef?: string;
  grantedAt?: string;
}

export function grant(f: GrantFields): BenefitFact {
  const source = f.source ?? SOURCE_OF_PROGRAM[f.program] ?? '/330502/civil-affairs/other';
  const benefitId = f.benefitId ?? `${f.program}-${f.start}`;
  return {
    source,
    benefitId,
    program: f.program,
    amountFen: f.amountFen === undefined ? 100_000 : f.amountFen,
    period: { start: f.start, end: f.end ?? f.start },
    cause: f.causeRef ? { kind: 'HOSPITALIZATION', ref: f.causeRef } : null,
    regionCode: parseSource(source)!.region,
    grantedAt: f.grantedAt ?? `${f.start}T09:00:00+08:00`,
    evidence: evidenceOf(source, benefitId, { benefitId, program: f.program }),
  };
}

export interface StatusFields {
  status: string;
  from: string;
  to?: string | null;
  attributes?: Record<string, unknown>;
  statusId?: string;
  source?: string;
}

export function status(f: StatusFields): StatusFact {
  const source = f.source ?? '/330502/civil-affairs/status';
  const statusId = f.statusId ?? `${f.status}-${f.from}`;
  return {
    source,
    statusId,
    status: f.status,
    validFrom: f.from,
    validTo: f.to ?? null,
    attributes: f.attributes ?? {},
    assertedAt: `${f.from}T09:00:00+08:00`,
    evidence: evidenceOf(source, statusId, { statusId, status: f.status }),
  };
}

export interface ApplicationFields {
  applicationId: string;
  receivedAt: string;
  program?: string;
  channel?: string | null;
  verifiedAt?: string | null;
  decidedAt?: string | null;
  referrals?: ReferralFact[];
}

export function application(f: ApplicationFields): ApplicationFact {
  const source = '/330502/civil-affairs/jijinan';
  return {
    source,
    applicationId: f.applicationId,
    program: f.program ?? 'TEMPORARY',
    channel: f.channel === undefined ? 'WINDOW' : f.channel,
    receivedAt: f.receivedAt,
    verifiedAt: f.verifiedAt ?? null,
    decidedAt: f.decidedAt ?? null,
    decision: f.decidedAt ? 'APPROVED' : null,
    evidence: evidenceOf(source, f.applicationId, {
      applicationId: f.applicationId,
      program: f.program ?? 'TEMPORARY',
    }),
    referrals: (f.referrals ?? []).map((r) => ({ ...r, evidence: { ...r.evidence, applicationId: f.applicationId } })),
  };
}

export interface ReferralFields {
  toDepartment: string;
  referredAt: string;
  need?: string;
  decidedAt?: string | null;
}

/** A referral of an application() (whose source is civil affairs', the township window's) to another department. */
export function referral(f: ReferralFields): ReferralFact {
  const decidedAt = f.decidedAt ?? null;
  return {
    toDepartment: f.toDepartment,
    need: f.need ?? '住院自付费用医疗救助',
    referredAt: f.referredAt,
    decidedAt,
    decision: decidedAt ? 'APPROVED' : null,
    evidence: evidenceOf('/330502/civil-affairs/jijinan', `referral-${f.toDepartment}-${f.referredAt}`, {}),
  };
}

export interface PersonFields {
  name?: string;
  role?: string | null;
  benefits?: BenefitFact[];
  statuses?: StatusFact[];
  applications?: ApplicationFact[];
}

export function person(personId: string, f: PersonFields = {}): PersonTimeline {
  return {
    personId,
    subject: { name: f.name ?? '王*明', idNumberMasked: '330502********123X' },
    householdRole: f.role ?? null,
    benefits: f.benefits ?? [],
    statuses: f.statuses ?? [],
    applications: f.applications ?? [],
  };
}

export function household(householdId: string | null, ...members: PersonTimeline[]): HouseholdTimeline {
  return { householdId, members };
}

/** The same household with members and every fact list in another order (seeded, so a failure replays). */
export function shuffled(subject: HouseholdTimeline, seed: number): HouseholdTimeline {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const shuffle = <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  };
  return {
    householdId: subject.householdId,
    members: shuffle(subject.members).map((m) => ({
      ...m,
      benefits: shuffle(m.benefits),
      statuses: shuffle(m.statuses),
      applications: shuffle(m.applications),
    })),
  };
}
