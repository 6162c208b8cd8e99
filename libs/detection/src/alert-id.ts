import { createHash } from 'node:crypto';
import { ApplicationFact, BenefitFact, StatusFact } from './timeline';

/**
 * Alert ids are derived from the rule and the business identities of the facts behind a finding
 * (finding.ts), never from person ids (a merge or unlink renumbers persons), event ids, offsets or the
 * clock (a resend or replay must find the same alert). Keys are deduplicated and sorted, so the order
 * members or facts arrive in does not matter.
 */
export function alertIdOf(ruleId: string, businessKeys: readonly string[]): string {
  const keys = [...new Set(businessKeys)].sort(compareText);
  // JSON keeps the parts apart: ("a b", "c") and ("a", "b c") never hash alike.
  return `A-${createHash('sha256')
    .update(JSON.stringify([ruleId, ...keys]))
    .digest('hex')
    .slice(0, 24)}`;
}

/** benefitId is unique within its source only (contract §3): two sources may use the same string. */
export function benefitKey(grant: Pick<BenefitFact, 'source' | 'benefitId'>): string {
  return JSON.stringify(['benefit', grant.source, grant.benefitId]);
}

export function statusKey(status: Pick<StatusFact, 'source' | 'statusId'>): string {
  return JSON.stringify(['status', status.source, status.statusId]);
}

export function applicationKey(application: Pick<ApplicationFact, 'source' | 'applicationId'>): string {
  return JSON.stringify(['application', application.source, application.applicationId]);
}

/** A referral is one department asked about one application (contract v1.1 §8). */
export function referralKey(
  application: Pick<ApplicationFact, 'source' | 'applicationId'>,
  toDepartment: string,
): string {
  return JSON.stringify(['referral', application.source, application.applicationId, toDepartment]);
}

/** Code-unit order: the same on every machine, unlike localeCompare, which follows the ICU data Node ships. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
