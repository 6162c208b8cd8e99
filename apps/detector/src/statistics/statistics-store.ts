import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sourceDepartmentSql } from '@hub/contract';
import { programNameZh } from '@hub/rules';
import { MonthlyStatisticsView } from '@hub/views';

const F = (v: string | number | null | undefined) => Number(v ?? 0);

/**
 * The month's figures for the leading group's joint meeting (统计与报送), read from the detector's tables: people
 * assisted and amounts (each grant's share of the month, pro rata by day) per county, township and program; duplicates
 * found, amounts due and recovered; omissions found and fulfilled, and how fast; application SLA; events per
 * department. SQL only: the month is `$1` (its first day).
 */
@Injectable()
export class StatisticsStore {
  async month(db: EntityManager, month: string): Promise<MonthlyStatisticsView> {
    const from = `${month}-01`;
    const assisted: {
      region_code: string;
      township: string | null;
      program: string;
      persons: string;
      grants: string;
      amount_fen: string;
    }[] = await db.query(
      `WITH m AS (SELECT $1::date AS first, ($1::date + interval '1 month' - interval '1 day')::date AS last),
       g AS (
         SELECT b.region_code, substr(b.village_code, 1, 9) AS township, b.program, b.person_id, b.amount_fen,
                greatest(b.period_start, m.first) AS s, least(coalesce(b.revoked_from - 1, b.period_end), b.period_end, m.last) AS e, b.period_start, b.period_end
         FROM detector_benefit b, m
         WHERE b.period_start IS NOT NULL AND b.period_start <= m.last AND b.period_end >= m.first
       )
       SELECT region_code, township, program, count(DISTINCT person_id) AS persons, count(*) AS grants,
              round(sum(coalesce(amount_fen, 0) * (e - s + 1)::numeric / (period_end - period_start + 1))) AS amount_fen
       FROM g WHERE e >= s GROUP BY region_code, township, program ORDER BY region_code, township NULLS FIRST, program`,
      [from],
    );
    const [alerts]: Record<string, string | null>[] = await db.query(
      `WITH m AS (SELECT ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS first, ($1::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS next)
       SELECT
         count(*) FILTER (WHERE kind = 'DUPLICATE' AND detected_at >= m.first AND detected_at < m.next AND status <> 'PROVISIONAL') AS duplicates,
         count(*) FILTER (WHERE kind = 'OMISSION' AND detected_at >= m.first AND detected_at < m.next AND status <> 'PROVISIONAL') AS omissions,
         count(*) FILTER (WHERE kind = 'OMISSION' AND resolution = 'FULFILLED' AND resolved_at >= m.first AND resolved_at < m.next) AS fulfilled,
         avg(extract(epoch FROM resolved_at - detected_at) / 86400) FILTER (WHERE kind = 'OMISSION' AND resolution = 'FULFILLED' AND resolved_at >= m.first AND resolved_at < m.next) AS days_to_fulfil,
         count(*) FILTER (WHERE rule_id = 'omit.application-sla' AND detected_at >= m.first AND detected_at < m.next) AS late_applications
       FROM alert, m`,
      [from],
    );
    const [money]: Record<string, string | null>[] = await db.query(
      `WITH m AS (SELECT ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS first, ($1::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS next)
       SELECT (SELECT coalesce(sum(amount_due_fen), 0) FROM recovery_case, m WHERE opened_at >= m.first AND opened_at < m.next) AS due_fen,
              (SELECT coalesce(sum(amount_fen), 0) FROM detector_recovery, m WHERE recovered_at >= m.first AND recovered_at < m.next) AS recovered_fen,
              (SELECT count(*) FROM detector_application, m WHERE decided_at >= m.first AND decided_at < m.next) AS decided`,
      [from],
    );
    const events: { department: string; grants: string; statuses: string; applications: string }[] = await db.query(
      `WITH m AS (SELECT ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS first, ($1::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS next),
       facts AS (
         SELECT ${sourceDepartmentSql('source')} AS department, 'g' AS kind FROM detector_benefit, m WHERE granted_at >= m.first AND granted_at < m.next
         UNION ALL SELECT ${sourceDepartmentSql('source')}, 's' FROM detector_status, m WHERE asserted_at >= m.first AND asserted_at < m.next
         UNION ALL SELECT ${sourceDepartmentSql('source')}, 'a' FROM detector_application, m WHERE received_at >= m.first AND received_at < m.next
       )
       SELECT department, count(*) FILTER (WHERE kind = 'g') AS grants, count(*) FILTER (WHERE kind = 's') AS statuses, count(*) FILTER (WHERE kind = 'a') AS applications
       FROM facts GROUP BY department ORDER BY department`,
      [from],
    );
    const decided = F(money.decided);
    const late = F(alerts.late_applications);
    return {
      month,
      assisted: assisted.map((r) => ({
        regionCode: r.region_code,
        township: r.township,
        program: r.program,
        programName: programNameZh(r.program),
        persons: F(r.persons),
        grants: F(r.grants),
        amountFen: F(r.amount_fen),
      })),
      duplicates: { found: F(alerts.duplicates), amountDueFen: F(money.due_fen), recoveredFen: F(money.recovered_fen) },
      omissions: {
        found: F(alerts.omissions),
        fulfilled: F(alerts.fulfilled),
        averageDaysToFulfil: alerts.days_to_fulfil === null ? null : Math.round(F(alerts.days_to_fulfil) * 10) / 10,
      },
      applications: {
        decided,
        late,
        onTimeShare: decided === 0 ? null : Math.max(0, Math.round(((decided - late) / decided) * 1000) / 1000),
      },
      departments: events.map((e) => ({
        department: e.department,
        grants: F(e.grants),
        statuses: F(e.statuses),
        applications: F(e.applications),
      })),
    };
  }
}
