import { MonthlyStatisticsView } from '@hub/views';
import { monthlyReportSheets } from './monthly-report';

describe('the monthly report (报送)', () => {
  const stats: MonthlyStatisticsView = {
    month: '2026-03',
    assisted: [
      {
        regionCode: '330502',
        township: null,
        program: 'DIBAO',
        programName: '低保金',
        persons: 120,
        grants: 130,
        amountFen: 10_680_050,
      },
      {
        regionCode: '330502',
        township: '330502001',
        program: 'TEMPORARY',
        programName: '临时救助',
        persons: 3,
        grants: 3,
        amountFen: 900_000,
      },
    ],
    duplicates: { found: 4, amountDueFen: 368_000, recoveredFen: 184_000 },
    omissions: { found: 9, fulfilled: 5, averageDaysToFulfil: 12.5 },
    applications: { decided: 20, late: 2, onTimeShare: 0.9 },
    departments: [
      {
        department: 'civil-affairs',
        grants: 133,
        statuses: 40,
        applications: 20,
        deadLetters: 3,
        accepted: 200,
        flagged: 12,
        flags: { ID_MISSING: 9, ID_LEGACY_15: 3 },
        sentToReview: 2,
      },
      {
        department: 'housing',
        grants: 0,
        statuses: 0,
        applications: 0,
        deadLetters: 0,
        accepted: 0,
        flagged: 0,
        flags: {},
        sentToReview: 0,
      },
    ],
  };
  const [assisted, alerts, departments] = monthlyReportSheets(stats);

  it('totals people and amounts per county, township and program, in yuan', () => {
    expect(assisted.rows.slice(1)).toEqual([
      ['县（区）', '乡镇（街道）', '救助项目', '人数', '笔数', '金额（元）'],
      ['330502', '', '低保金', 120, 130, 106800.5],
      ['330502', '330502001', '临时救助', 3, 3, 9000],
      ['合计', '', '', '', 133, 115800.5],
    ]);
  });

  it('states duplicates, recoveries, omissions and the application SLA, and each department’s feed, silent ones too', () => {
    expect(alerts.rows).toContainEqual(['本月已追回金额（元）', 1840]);
    expect(alerts.rows).toContainEqual(['按时办结率', 0.9]);
    expect(departments.rows.slice(2)).toEqual([
      [
        '民政部门',
        200,
        12,
        3,
        2,
        133,
        40,
        20,
        '缺少证件号码，身份只能按姓名、出生日期等比对（9）；15 位旧身份证号，请更新为 18 位（3）',
      ],
      ['住建部门', 0, 0, 0, 0, 0, 0, 0, ''],
    ]);
  });
});
