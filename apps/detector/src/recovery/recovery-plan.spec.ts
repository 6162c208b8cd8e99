import { caseAfterRecoveries, caseIdOf, closing, openedCase, recoveredOf, statusOf } from './recovery-plan';

const grant = (benefitId: string, dueFen: number, recoveriesFen: number) => ({
  source: '/330502/civil-affairs/dibao',
  benefitId,
  dueFen,
  recoveriesFen,
});

describe('recovery plan (追回)', () => {
  it('gives one alert one case, always the same', () => {
    expect(caseIdOf('A-0123456789abcdef01234567')).toBe('R-0123456789abcdef01234567');
    expect(caseIdOf('A-0123456789abcdef01234567')).toBe(caseIdOf('A-0123456789abcdef01234567'));
  });

  it('opens a case naming the department of the grant to recover from, the grants and the basis', () => {
    const opened = openedCase(
      { alertId: 'A-1', personId: 'P-1' },
      {
        grants: [
          { source: '/330503/civil-affairs/dibao', benefitId: 'MZ-9', program: 'DIBAO', dueFen: 214_000, basis: 'b' },
        ],
        totalFen: 214_000,
        basis: 'b。应追回合计2,140.00元。',
      },
    );
    expect(opened).toEqual({
      caseId: 'R-1',
      alertId: 'A-1',
      personId: 'P-1',
      department: 'civil-affairs',
      benefitIds: ['MZ-9'],
      amountDueFen: 214_000,
      basis: 'b。应追回合计2,140.00元。',
    });
  });

  it('counts each grant’s recoveries up to the share the case claims', () => {
    expect(recoveredOf([grant('B-1', 10_000, 4_000), grant('B-2', 5_000, 9_000)])).toBe(9_000);
    expect(recoveredOf([])).toBe(0);
  });

  it('is OPEN with nothing back, PARTIAL with some, RECOVERED with all; closed cases stay closed', () => {
    expect(statusOf(undefined, 10_000, 0)).toBe('OPEN');
    expect(statusOf('OPEN', 10_000, 1)).toBe('PARTIAL');
    expect(statusOf('PARTIAL', 10_000, 10_000)).toBe('RECOVERED');
    expect(statusOf('WAIVED', 10_000, 10_000)).toBe('WAIVED');
    expect(statusOf('CANCELLED', 10_000, 0)).toBe('CANCELLED');
  });

  it('updates a case on a recovery, partial then whole, and not again for the same total', () => {
    const open = { caseId: 'R-1', amountDueFen: 10_000, recoveredFen: 0, status: 'OPEN' as const };
    expect(caseAfterRecoveries(open, [grant('B-1', 10_000, 4_000)])).toEqual({
      caseId: 'R-1',
      recoveredFen: 4_000,
      outstandingFen: 6_000,
      status: 'PARTIAL',
    });
    const partial = { ...open, recoveredFen: 4_000, status: 'PARTIAL' as const };
    expect(caseAfterRecoveries(partial, [grant('B-1', 10_000, 4_000)])).toBeUndefined();
    expect(caseAfterRecoveries(partial, [grant('B-1', 10_000, 12_000)])).toEqual({
      caseId: 'R-1',
      recoveredFen: 10_000,
      outstandingFen: 0,
      status: 'RECOVERED',
    });
    expect(caseAfterRecoveries({ ...open, status: 'WAIVED' }, [grant('B-1', 10_000, 4_000)])).toBeUndefined();
  });

  it('waives or cancels an open or partial case with its reason, never a closed one', () => {
    const partial = { caseId: 'R-1', amountDueFen: 10_000, recoveredFen: 4_000, status: 'PARTIAL' as const };
    expect(closing(partial, 'WAIVED', '家庭困难，经审批免予追回')).toEqual({
      update: {
        caseId: 'R-1',
        recoveredFen: 4_000,
        outstandingFen: 6_000,
        status: 'WAIVED',
        reason: '家庭困难，经审批免予追回',
      },
    });
    expect(closing({ ...partial, status: 'RECOVERED' }, 'CANCELLED', 'x')).toEqual({
      refused: 'case R-1 is RECOVERED already',
    });
  });
});
