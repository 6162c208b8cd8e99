import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { maskNumbersInText } from '@hub/identity';
import { PublicNoticeSettings, programNameZh } from '@hub/rules';
import { NoticeListView, NoticePeriod } from '@hub/views';
import { noticeAreaOf, noticePeriodOf } from './notice-plan';

interface GrantRow {
  program: string;
  amount_fen: string | null;
  period_start: string;
  period_end: string;
  granted_at: Date;
  notice_start: string | null;
  notice_end: string | null;
  village_code: string | null;
  region_code: string;
  name: string | null;
}

interface ApplicationRow {
  program: string;
  reason: string | null;
  verified_at: Date | null;
  decision: string | null;
  amount_fen: string | null;
  village_code: string | null;
  region_code: string | null;
  name: string | null;
}

/** Which stored grants and applications an area's notice covers: SQL only; what they say is notice-plan's. */
const IN_AREA = `(CASE length($1) WHEN 12 THEN village_code = $1 WHEN 9 THEN village_code LIKE $1 || '%' ELSE village_code IS NULL AND region_code = $1 END)`;

/** The notice lists of 公示 (contract section 8): the grants and the emergency applications of an area and month. */
@Injectable()
export class NoticeStore {
  async list(db: EntityManager, area: string, month: string, settings: PublicNoticeSettings): Promise<NoticeListView> {
    const from = `${month}-01`;
    // Grants noticed by the pack's rule start on their county day; a department's own notice may start elsewhere.
    const grants: GrantRow[] = await db.query(
      `SELECT b.program, b.amount_fen, b.period_start, b.period_end, b.granted_at, b.notice_start, b.notice_end, b.village_code, b.region_code, p.subject->>'name' AS name
       FROM detector_benefit b LEFT JOIN detector_person p ON p.person_id = b.person_id
       WHERE ${IN_AREA} AND b.period_start IS NOT NULL AND (b.revoked_from IS NULL OR b.revoked_from > b.period_start)
         AND (b.program = ANY($2) OR b.notice_start IS NOT NULL)
         AND coalesce(b.notice_start, (b.granted_at AT TIME ZONE 'Asia/Shanghai')::date) >= $3::date
         AND coalesce(b.notice_start, (b.granted_at AT TIME ZONE 'Asia/Shanghai')::date) < $3::date + interval '1 month'
       ORDER BY b.program, b.granted_at, b.source, b.benefit_id`,
      [area, settings.programs, from],
    );
    // Emergency applications decided this month, with the amount granted to the person under the program since; their
    // area is that grant's village and region (else the region of the application's source), which IN_AREA reads as
    // village_code and region_code.
    const applications: ApplicationRow[] = await db.query(
      `SELECT a.program, a.reason, a.verified_at, a.decision, g.amount_fen, g.village_code, r.region_code, p.subject->>'name' AS name
       FROM detector_application a LEFT JOIN detector_person p ON p.person_id = a.person_id
       LEFT JOIN LATERAL (SELECT b.amount_fen, b.village_code, b.region_code AS grant_region_code FROM detector_benefit b
                          WHERE b.person_id = a.person_id AND b.program = a.program AND b.granted_at >= a.received_at ORDER BY b.granted_at LIMIT 1) g ON true
       CROSS JOIN LATERAL (SELECT coalesce(g.grant_region_code, split_part(a.source, '/', 2)) AS region_code) r
       WHERE ${IN_AREA} AND a.decided_at IS NOT NULL AND (a.decided_at AT TIME ZONE 'Asia/Shanghai')::date >= $2::date
         AND (a.decided_at AT TIME ZONE 'Asia/Shanghai')::date < $2::date + interval '1 month'
       ORDER BY a.decided_at, a.source, a.application_id`,
      [area, from],
    );
    return {
      area,
      month,
      grants: grants.flatMap((g) => {
        const notice: NoticePeriod | null = noticePeriodOf(
          {
            program: g.program,
            grantedAt: g.granted_at,
            notice: g.notice_start && g.notice_end ? { start: g.notice_start, end: g.notice_end } : null,
          },
          settings,
        );
        if (!notice) return [];
        return [
          {
            name: g.name ?? '',
            program: g.program,
            programName: programNameZh(g.program),
            amountFen: g.amount_fen === null ? null : Number(g.amount_fen),
            period: { start: g.period_start, end: g.period_end },
            notice,
            area: noticeAreaOf({ villageCode: g.village_code, regionCode: g.region_code }),
          },
        ];
      }),
      emergency: applications.map((a) => ({
        name: a.name ?? '',
        program: a.program,
        programName: programNameZh(a.program),
        reason: maskNumbersInText(a.reason ?? ''),
        verifiedOn: a.verified_at ? a.verified_at.toISOString().slice(0, 10) : null,
        decision: a.decision,
        amountFen: a.amount_fen === null ? null : Number(a.amount_fen),
        area: a.village_code ?? a.region_code ?? '',
      })),
    };
  }

  /** The notice period of a stored grant, for the pre-payment check; undefined when the hub has no such grant. */
  async grantNotice(
    db: EntityManager,
    source: string,
    benefitId: string,
    settings: PublicNoticeSettings,
  ): Promise<NoticePeriod | null | undefined> {
    const [g]: { program: string; granted_at: Date; notice_start: string | null; notice_end: string | null }[] =
      await db.query(
        'SELECT program, granted_at, notice_start, notice_end FROM detector_benefit WHERE source = $1 AND benefit_id = $2 AND granted_at IS NOT NULL',
        [source, benefitId],
      );
    if (!g) return undefined;
    return noticePeriodOf(
      {
        program: g.program,
        grantedAt: g.granted_at,
        notice: g.notice_start && g.notice_end ? { start: g.notice_start, end: g.notice_end } : null,
      },
      settings,
    );
  }
}
