import { dayNumberOf } from '@hub/rules';
import { excessCharged, overpaymentOf, shareForDays } from './overpayment';
import { grant } from './testing/timeline-fixtures';

const span = (from: string, to: string) => ({ from: dayNumberOf(from), to: dayNumberOf(to) });

describe('overpayment (追回: amount due, pro rata by day)', () => {
  const dibao = grant({
    program: 'DIBAO',
    source: '/330502/civil-affairs/dibao',
    benefitId: 'DB-1',
    start: '2026-01-01',
    end: '2026-12-31',
    amountFen: 36_500,
  });

  it('charges a grant for the days of a span within its period, both ends counted, with the working in words', () => {
    const share = shareForDays(dibao, span('2026-07-01', '2027-03-31'), '死亡（2026-06-30）后');
    // 365 days paid 365.00 yuan; 07-01..12-31 is 184 days: 365.00 × 184 ÷ 365 = 184.00.
    expect(share).toMatchObject({
      source: '/330502/civil-affairs/dibao',
      benefitId: 'DB-1',
      program: 'DIBAO',
      dueFen: 18_400,
    });
    expect(share!.basis).toBe(
      '低保金（/330502/civil-affairs/dibao DB-1）2026-01-01至2026-12-31共365天，金额365.00元；死亡（2026-06-30）后2026-07-01至2026-12-31共184天：365.00×184÷365=184.00元',
    );
  });

  it('rounds to the fen, half up', () => {
    const three = grant({ program: 'TEMPORARY', start: '2026-03-01', end: '2026-03-03', amountFen: 1_000 });
    expect(shareForDays(three, span('2026-03-03', '2026-03-03'), '')!.dueFen).toBe(333);
    expect(shareForDays(three, span('2026-03-02', '2026-03-03'), '')!.dueFen).toBe(667);
  });

  it('charges nothing for in-kind aid or a span outside the period', () => {
    expect(shareForDays({ ...dibao, amountFen: null }, span('2026-07-01', '2026-12-31'), '')).toBeUndefined();
    expect(shareForDays(dibao, span('2027-01-01', '2027-02-01'), '')).toBeUndefined();
    expect(overpaymentOf([undefined])).toBeUndefined();
  });

  it('charges an excess to the grant made last, and what it cannot cover to the one before', () => {
    const medical = grant({
      program: 'MEDICAL_ASSIST',
      benefitId: 'YB-1',
      start: '2026-03-25',
      amountFen: 500_000,
      grantedAt: '2026-03-25T09:00:00+08:00',
    });
    const charity = grant({
      program: 'CHARITY_MEDICAL',
      benefitId: 'CS-1',
      start: '2026-04-02',
      amountFen: 300_000,
      grantedAt: '2026-04-02T09:00:00+08:00',
    });
    const charged = excessCharged([charity, medical], 400_000, '超出');
    expect(charged.map((g) => [g.benefitId, g.dueFen])).toEqual([
      ['CS-1', 300_000],
      ['YB-1', 100_000],
    ]);
    const owed = overpaymentOf(charged)!;
    expect(owed.totalFen).toBe(400_000);
    expect(owed.basis).toMatch(/^慈善医疗救助.*；医疗救助.*。应追回合计4,000.00元。$/);
  });
});
