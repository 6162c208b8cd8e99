import { dateOfDayNumber, instantMillis, programNameZh } from '@hub/rules';
import { daysOfGrant } from './counting-grants';
import { DaySpan } from './day-intervals';
import { yuanOfFen } from './explanation-text';
import { BenefitFact } from './timeline';

/**
 * 追回 (contract section 8): how much of which grant a duplicate alert says was paid wrongly, with the working a case
 * worker can redo by hand. Amounts are whole fen: a grant's amount × the days paid wrongly ÷ the days of its period,
 * rounded half up (pro rata by day, both period ends counted).
 */
export interface OverpaidGrant {
  source: string;
  benefitId: string;
  program: string;
  dueFen: number;
  /** zh-CN: this grant's share and how it was computed. */
  basis: string;
}

export interface Overpayment {
  grants: OverpaidGrant[];
  totalFen: number;
  /** zh-CN: every grant's working, then the total. */
  basis: string;
}

/** The share of `grant` for the days of `span` (within its period), pro rata by day. */
export function shareForDays(grant: BenefitFact, span: DaySpan, why: string): OverpaidGrant | undefined {
  if (grant.amountFen === null || grant.amountFen <= 0) return undefined;
  const period = daysOfGrant(grant);
  const from = Math.max(span.from, period.from);
  const to = Math.min(span.to, period.to);
  if (from > to) return undefined;
  const days = to - from + 1;
  const periodDays = period.to - period.from + 1;
  const dueFen = Math.round((grant.amountFen * days) / periodDays);
  const range = `${dateOfDayNumber(from)}至${dateOfDayNumber(to)}`;
  const basis =
    `${programNameZh(grant.program)}（${grant.source} ${grant.benefitId}）${grant.period.start}至${grant.period.end}共${periodDays}天，` +
    `金额${yuanOfFen(grant.amountFen)}元；${why}${range}共${days}天：${yuanOfFen(grant.amountFen)}×${days}÷${periodDays}=${yuanOfFen(dueFen)}元`;
  return { source: grant.source, benefitId: grant.benefitId, program: grant.program, dueFen, basis };
}

/**
 * `excessFen` over a recorded cost, charged to the last grant made (by grant time), and what it cannot cover to the one
 * before it, and so on: the grant that came last is the one that should not have been paid.
 */
export function excessCharged(grants: readonly BenefitFact[], excessFen: number, why: string): OverpaidGrant[] {
  const latestFirst = [...grants].sort((a, b) => instantMillis(b.grantedAt) - instantMillis(a.grantedAt));
  const charged: OverpaidGrant[] = [];
  let left = excessFen;
  for (const grant of latestFirst) {
    if (left <= 0) break;
    const amount = grant.amountFen ?? 0;
    if (amount <= 0) continue;
    const dueFen = Math.min(amount, left);
    left -= dueFen;
    charged.push({
      source: grant.source,
      benefitId: grant.benefitId,
      program: grant.program,
      dueFen,
      basis: `${programNameZh(grant.program)}（${grant.source} ${grant.benefitId}）金额${yuanOfFen(amount)}元；${why}${yuanOfFen(excessFen)}元，由最后发放的救助承担${yuanOfFen(dueFen)}元`,
    });
  }
  return charged;
}

/** The grants' shares as one overpayment; undefined when nothing is due (in-kind aid, no days). */
export function overpaymentOf(grants: readonly (OverpaidGrant | undefined)[]): Overpayment | undefined {
  const due = grants.filter((g): g is OverpaidGrant => !!g && g.dueFen > 0);
  if (due.length === 0) return undefined;
  const totalFen = due.reduce((sum, g) => sum + g.dueFen, 0);
  return {
    grants: due,
    totalFen,
    basis: `${due.map((g) => g.basis).join('；')}。应追回合计${yuanOfFen(totalFen)}元。`,
  };
}
