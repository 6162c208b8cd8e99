import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/**
 * 公示 notice lists (contract section 8) as the detector answers them and the admin passes on, prints and exports:
 * masked names, programs, amounts, periods and the 四公布 items of emergency applications; no ID number, phone or
 * address.
 */

/** A 6-digit county (grants without a village), 9-digit township (its villages) or 12-digit village code. */
export const NOTICE_AREA = /^(?:[0-9]{6}|[0-9]{9}|[0-9]{12})$/;
/** A month, YYYY-MM (notice lists, statistics). */
export const YEAR_MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** The month a query asks for (statistics, data quality): `?month=YYYY-MM`, required. */
export class MonthQuery {
  @ApiProperty({ example: '2026-03' })
  @Matches(YEAR_MONTH, { message: 'month: YYYY-MM' })
  month!: string;
}

/** A notice list's area and month (`?area=&month=`), both required; the area is checked first. */
export class NoticeQuery extends MonthQuery {
  @ApiProperty({ example: '330502001001' })
  @Matches(NOTICE_AREA, { message: 'area: a 6-digit county, 9-digit township or 12-digit village code' })
  area!: string;
}

/** A notice period, both ends inclusive (county dates). */
export interface NoticePeriod {
  start: string;
  end: string;
}

/** One line of a notice list: masked name, program, amount, period. No ID number, phone or address. */
export interface NoticeGrantLine {
  name: string;
  program: string;
  programName: string;
  amountFen: number | null;
  period: { start: string; end: string };
  notice: NoticePeriod;
  area: string;
}

/** 四公布 of an emergency application: reason, verification, decision, amount. */
export interface NoticeEmergencyLine {
  name: string;
  program: string;
  programName: string;
  reason: string;
  verifiedOn: string | null;
  decision: string | null;
  amountFen: number | null;
  area: string;
}

export interface NoticeListView {
  area: string;
  month: string;
  grants: NoticeGrantLine[];
  emergency: NoticeEmergencyLine[];
}

/** CSV of a notice list (UTF-8 with BOM, for Excel), in Chinese. */
export function noticeListCsv(list: NoticeListView): string {
  const cell = (v: string | number) => {
    const text = String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2));
  const rows: (string | number)[][] = [
    ['公示类别', '地区', '姓名', '救助项目', '金额（元）', '救助期间', '公示期', '申请事由', '核实情况', '审批结果'],
    ...list.grants.map((g) => [
      '救助对象',
      g.area,
      g.name,
      g.programName,
      yuan(g.amountFen),
      `${g.period.start}至${g.period.end}`,
      `${g.notice.start}至${g.notice.end}`,
      '',
      '',
      '',
    ]),
    ...list.emergency.map((e) => [
      '急难申请（四公布）',
      e.area,
      e.name,
      e.programName,
      yuan(e.amountFen),
      '',
      '',
      e.reason,
      e.verifiedOn ? `${e.verifiedOn} 已核实` : '未核实',
      decisionZh(e.decision),
    ]),
  ];
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function decisionZh(decision: string | null): string {
  return decision === 'APPROVED' ? '批准' : decision === 'REJECTED' ? '不予批准' : '审批中';
}
