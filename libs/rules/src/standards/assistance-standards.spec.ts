import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkAgainstStandard, loadAssistanceStandards } from './assistance-standards';

const fileWith = (text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'standards-')), 'standards.yaml');
  writeFileSync(file, text);
  return file;
};

describe('统一救助标准 (assistance standards)', () => {
  const standards = loadAssistanceStandards();
  const grant = (program: string, amountFen: number | null, start: string, end: string, causeKind?: string) => ({
    program,
    region: '330502',
    amountFen,
    period: { start, end },
    causeKind,
  });

  it('reads the default table and names every wrong entry at once', () => {
    expect(standards.find((s) => s.program === 'DIBAO')).toMatchObject({
      region: '330502',
      year: 2026,
      monthlyMaxFen: 119_500,
    });
    expect(() =>
      loadAssistanceStandards(
        fileWith(
          'standards:\n  - program: HEATING\n    region: 3305\n    year: 26\n    monthlyMaxFen: -1\n    colour: red\n',
        ),
      ),
    ).toThrow(
      /program: a program[\s\S]*region: a 6-digit[\s\S]*year: a year[\s\S]*colour: unknown field[\s\S]*monthlyMaxFen: an amount/,
    );
    expect(() => loadAssistanceStandards(fileWith('DIBAO: 1\n'))).toThrow(/needs a list "standards"/);
  });

  it('compares a recurring grant per person per month: 差额 below the 低保 standard is fine, above is not', () => {
    // 31 days of January at 1,000.00 is 967.74 a month.
    expect(checkAgainstStandard(grant('DIBAO', 100_000, '2026-01-01', '2026-01-31'), standards).verdict).toBe(
      'WITHIN_STANDARD',
    );
    const above = checkAgainstStandard(grant('DIBAO', 1_500_000, '2026-01-01', '2026-12-31'), standards);
    expect(above).toMatchObject({ verdict: 'ABOVE_STANDARD', standard: { program: 'DIBAO', monthlyMaxFen: 119_500 } });
    expect(above.explanation).toBe('折合每月 1232.88 元（15000.00 元 × 30 ÷ 365 天），高于标准 1195.00 元/人·月');
    expect(checkAgainstStandard(grant('TEKUN_SUPPORT', 100_000, '2026-03-01', '2026-03-30'), standards).verdict).toBe(
      'BELOW_STANDARD',
    );
  });

  it('caps a one-off grant, by its cause where the county set one', () => {
    expect(checkAgainstStandard(grant('TEMPORARY', 1_500_000, '2026-03-01', '2026-03-01'), standards).verdict).toBe(
      'ABOVE_STANDARD',
    );
    expect(
      checkAgainstStandard(grant('TEMPORARY', 1_500_000, '2026-03-01', '2026-03-01', 'HOSPITALIZATION'), standards)
        .verdict,
    ).toBe('WITHIN_STANDARD');
  });

  it('has nothing to say without a standard for the program, county and year, or without an amount', () => {
    expect(checkAgainstStandard(grant('DIBAO', 100_000, '2027-01-01', '2027-01-31'), standards)).toEqual({
      verdict: 'NO_STANDARD',
    });
    expect(
      checkAgainstStandard({ ...grant('DIBAO', 100_000, '2026-01-01', '2026-01-31'), region: '330503' }, standards),
    ).toEqual({ verdict: 'NO_STANDARD' });
    expect(checkAgainstStandard(grant('DIBAO', null, '2026-01-01', '2026-01-31'), standards)).toEqual({
      verdict: 'NO_STANDARD',
    });
  });
});
