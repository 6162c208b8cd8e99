import { PublicNoticeSettings, countyDateOf, dateOfDayNumber, dayNumberOf } from '@hub/rules';
import { NoticePeriod } from '@hub/views';

export type { NoticePeriod } from '@hub/views';

/**
 * 公示 (contract section 8), decided without I/O: when a grant's notice runs, whether it has ended on a day, and what a
 * notice list says. NoticeStore reads the grants; the console prints the list.
 */

/**
 * The notice period of a grant: the department's own when it sent one, else `days` days from the county day it was
 * granted, for the programs the rule pack notices; null for a program that is not noticed.
 */
export function noticePeriodOf(
  grant: { program: string; grantedAt: string | Date; notice?: NoticePeriod | null },
  settings: PublicNoticeSettings,
): NoticePeriod | null {
  if (grant.notice) return grant.notice;
  if (!settings.programs.includes(grant.program)) return null;
  const start = countyDateOf(grant.grantedAt);
  return { start, end: dateOfDayNumber(dayNumberOf(start) + settings.days - 1) };
}

/** NOTICE_PENDING until the end of the notice's last day (county time): payment waits for the notice to run its course. */
export function noticePending(period: NoticePeriod | null, today: string): boolean {
  return period !== null && today <= period.end;
}

/** The area a grant is noticed in: its village (12 digits) when the department named one, else its county (6 digits). */
export function noticeAreaOf(grant: { villageCode: string | null; regionCode: string }): string {
  return grant.villageCode ?? grant.regionCode;
}
