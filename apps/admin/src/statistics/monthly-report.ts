import { qualityFlagText } from '@hub/contract';
import { departmentNameZh } from '@hub/rules';
import { MonthlyStatisticsView } from '@hub/views';
import { WorkbookSheet } from './xlsx-workbook';

const yuan = (fen: number) => Math.round(fen) / 100;

/** The monthly report for the leading group's joint meeting (报送), as workbook sheets in Chinese. */
export function monthlyReportSheets(stats: MonthlyStatisticsView): WorkbookSheet[] {
  return [
    {
      name: '救助人数与金额',
      rows: [
        [`${stats.month} 社会救助月度报表：救助人数与金额（按县、乡镇、项目；金额按日折算到本月）`],
        ['县（区）', '乡镇（街道）', '救助项目', '人数', '笔数', '金额（元）'],
        ...stats.assisted.map((a) => [
          a.regionCode,
          a.township ?? '',
          a.programName,
          a.persons,
          a.grants,
          yuan(a.amountFen),
        ]),
        [
          '合计',
          '',
          '',
          '',
          stats.assisted.reduce((n, a) => n + a.grants, 0),
          yuan(stats.assisted.reduce((n, a) => n + a.amountFen, 0)),
        ],
      ],
    },
    {
      name: '预警与追回',
      rows: [
        [`${stats.month} 重复救助、遗漏救助与申请办理`],
        ['指标', '数值'],
        ['发现重复救助（条）', stats.duplicates.found],
        ['立案应追回金额（元）', yuan(stats.duplicates.amountDueFen)],
        ['本月已追回金额（元）', yuan(stats.duplicates.recoveredFen)],
        ['发现遗漏救助（条）', stats.omissions.found],
        ['遗漏已补发（条）', stats.omissions.fulfilled],
        ['补发平均用时（天）', stats.omissions.averageDaysToFulfil ?? ''],
        ['急难申请办结（件）', stats.applications.decided],
        ['超时办理预警（条）', stats.applications.late],
        ['按时办结率', stats.applications.onTimeShare === null ? '' : stats.applications.onTimeShare],
      ],
    },
    {
      name: '部门数据报送',
      rows: [
        [`${stats.month} 各部门数据报送情况`],
        [
          '部门',
          '接收事件',
          '有数据质量问题',
          '未能接收（死信）',
          '转人工审核',
          '发放记录',
          '状态记录',
          '申请记录',
          '主要数据质量问题',
        ],
        ...stats.departments.map((d) => [
          departmentNameZh(d.department),
          d.accepted ?? 0,
          d.flagged ?? 0,
          d.deadLetters ?? 0,
          d.sentToReview ?? 0,
          d.grants,
          d.statuses,
          d.applications,
          topFlags(d.flags ?? {}),
        ]),
      ],
    },
  ];
}

/** The three flags a department sent most, in words (数据质量 scorecard). */
function topFlags(flags: Record<string, number>): string {
  return Object.entries(flags)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, 3)
    .map(([flag, n]) => `${qualityFlagText(flag)}（${n}）`)
    .join('；');
}
