import { DEFAULT_PUBLIC_NOTICE } from '@hub/rules';
import { decisionZh, noticeListCsv } from '@hub/views';
import { noticeAreaOf, noticePending, noticePeriodOf } from './notice-plan';

describe('public notices (公示, contract 8)', () => {
  it('runs a noticed program’s notice for the pack’s days from the county day it was granted (公示5天)', () => {
    // 23:30 UTC on 03-01 is 07:30 on 03-02 in the county.
    expect(noticePeriodOf({ program: 'DIBAO', grantedAt: '2026-03-01T23:30:00Z' }, DEFAULT_PUBLIC_NOTICE)).toEqual({
      start: '2026-03-02',
      end: '2026-03-06',
    });
    expect(
      noticePeriodOf(
        { program: 'TEMPORARY', grantedAt: '2026-12-30T09:00:00+08:00' },
        { programs: ['TEMPORARY'], days: 7 },
      ),
    ).toEqual({ start: '2026-12-30', end: '2027-01-05' });
  });

  it('takes the department’s own notice period when it sent one, and none for a program not noticed', () => {
    expect(
      noticePeriodOf(
        {
          program: 'MEDICAL_ASSIST',
          grantedAt: '2026-03-01T09:00:00+08:00',
          notice: { start: '2026-02-20', end: '2026-02-26' },
        },
        DEFAULT_PUBLIC_NOTICE,
      ),
    ).toEqual({ start: '2026-02-20', end: '2026-02-26' });
    expect(
      noticePeriodOf({ program: 'MEDICAL_ASSIST', grantedAt: '2026-03-01T09:00:00+08:00' }, DEFAULT_PUBLIC_NOTICE),
    ).toBeNull();
  });

  it('is pending through the notice’s last day, over the day after', () => {
    const period = { start: '2026-03-02', end: '2026-03-06' };
    expect([
      noticePending(period, '2026-03-02'),
      noticePending(period, '2026-03-06'),
      noticePending(period, '2026-03-07'),
      noticePending(null, '2026-03-02'),
    ]).toEqual([true, true, false, false]);
  });

  it('lists a grant in its village, else its county', () => {
    expect(noticeAreaOf({ villageCode: '330502001001', regionCode: '330502' })).toBe('330502001001');
    expect(noticeAreaOf({ villageCode: null, regionCode: '330502' })).toBe('330502');
  });

  it('prints a list as CSV in Chinese with the 四公布 items of emergency applications, nothing but masked names', () => {
    const csv = noticeListCsv({
      area: '330502001001',
      month: '2026-03',
      grants: [
        {
          name: '王*明',
          program: 'DIBAO',
          programName: '低保金',
          amountFen: 89_000,
          period: { start: '2026-03-01', end: '2026-12-31' },
          notice: { start: '2026-03-02', end: '2026-03-06' },
          area: '330502001001',
        },
      ],
      emergency: [
        {
          name: '李*英',
          program: 'TEMPORARY',
          programName: '临时救助',
          reason: '火灾, 房屋受损',
          verifiedOn: '2026-03-03',
          decision: 'APPROVED',
          amountFen: 300_000,
          area: '330502001001',
        },
      ],
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '公示类别,地区,姓名,救助项目,金额（元）,救助期间,公示期,申请事由,核实情况,审批结果',
      '救助对象,330502001001,王*明,低保金,890.00,2026-03-01至2026-12-31,2026-03-02至2026-03-06,,,',
      '急难申请（四公布）,330502001001,李*英,临时救助,3000.00,,,"火灾, 房屋受损",2026-03-03 已核实,批准',
      '',
    ]);
    expect(decisionZh(null)).toBe('审批中');
  });
});
