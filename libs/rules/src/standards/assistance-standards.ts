import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { KNOWN_CAUSE_KINDS, KNOWN_PROGRAMS } from '@hub/contract';
import { dayNumberOf } from '../calendar/county-time';

export const DEFAULT_STANDARDS_FILE = path.resolve(__dirname, '../../standards/default.yaml');

/** 统一救助标准 of one program in one county and year (amounts in fen). */
export interface AssistanceStandard {
  program: string;
  region: string;
  year: number;
  monthlyMaxFen?: number;
  monthlyMinFen?: number;
  perGrantMaxFen?: number;
  causeCaps?: Record<string, number>;
}

/**
 * The county's standards (a YAML file `standards: [...]`), checked whole: a wrong program, region, year or amount
 * stops the detector at start-up naming the entry, as a rule pack's mistake does.
 */
export function loadAssistanceStandards(file: string = DEFAULT_STANDARDS_FILE): AssistanceStandard[] {
  let body: unknown;
  try {
    body = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`standards ${file}: ${(e as Error).message}`);
  }
  const entries = (body as { standards?: unknown } | null)?.standards;
  if (!Array.isArray(entries)) throw new Error(`standards ${file}: needs a list "standards"`);
  const problems: string[] = [];
  const fen = (where: string, v: unknown) => {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      problems.push(`${where}: an amount in fen (an integer ≥ 0), not ${JSON.stringify(v)}`);
    return typeof v === 'number' ? v : undefined;
  };
  const standards = entries.map((raw: unknown, i): AssistanceStandard => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const where = `standards[${i}]`;
    if (typeof e.program !== 'string' || !KNOWN_PROGRAMS.has(e.program))
      problems.push(`${where}.program: a program of contract section 5, not ${JSON.stringify(e.program)}`);
    if (typeof e.region !== 'string' || !/^\d{6}$/.test(e.region))
      problems.push(`${where}.region: a 6-digit county code (quote it: "330502")`);
    if (typeof e.year !== 'number' || !Number.isInteger(e.year) || e.year < 2000)
      problems.push(`${where}.year: a year such as 2026`);
    const causeCaps = e.causeCaps as Record<string, unknown> | undefined;
    for (const kind of Object.keys(causeCaps ?? {}))
      if (!KNOWN_CAUSE_KINDS.has(kind))
        problems.push(`${where}.causeCaps.${kind}: not a cause kind of contract section 5`);
    for (const field of Object.keys(e))
      if (
        !['program', 'region', 'year', 'monthlyMaxFen', 'monthlyMinFen', 'perGrantMaxFen', 'causeCaps'].includes(field)
      )
        problems.push(`${where}.${field}: unknown field`);
    return {
      program: String(e.program),
      region: String(e.region),
      year: Number(e.year),
      monthlyMaxFen: fen(`${where}.monthlyMaxFen`, e.monthlyMaxFen),
      monthlyMinFen: fen(`${where}.monthlyMinFen`, e.monthlyMinFen),
      perGrantMaxFen: fen(`${where}.perGrantMaxFen`, e.perGrantMaxFen),
      causeCaps: causeCaps
        ? Object.fromEntries(Object.entries(causeCaps).map(([k, v]) => [k, fen(`${where}.causeCaps.${k}`, v) ?? 0]))
        : undefined,
    };
  });
  if (problems.length) throw new Error(`standards ${file}:\n  ${problems.join('\n  ')}`);
  return standards;
}

export type StandardVerdict = 'WITHIN_STANDARD' | 'ABOVE_STANDARD' | 'BELOW_STANDARD' | 'NO_STANDARD';

export interface StandardCheck {
  verdict: StandardVerdict;
  /** The standard used, quoted; absent when none applies. */
  standard?: AssistanceStandard;
  /** zh-CN: the comparison, for the department. */
  explanation?: string;
  /** ABOVE_STANDARD: what the standard allows for this grant (its cap, or the monthly maximum over its days). */
  allowedFen?: number;
}

/**
 * A grant against the standard of its program, county and year (of the period's start): per person per month for
 * recurring programs (the amount over the period's days, × 30), per grant (and per cause) for one-off ones.
 */
export function checkAgainstStandard(
  grant: {
    program: string;
    region: string;
    amountFen: number | null;
    period: { start: string; end: string };
    causeKind?: string;
  },
  standards: readonly AssistanceStandard[],
): StandardCheck {
  const year = Number(grant.period.start.slice(0, 4));
  const standard = standards.find((s) => s.program === grant.program && s.region === grant.region && s.year === year);
  if (!standard || grant.amountFen === null) return { verdict: 'NO_STANDARD' };
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const cap = (grant.causeKind ? standard.causeCaps?.[grant.causeKind] : undefined) ?? standard.perGrantMaxFen;
  if (cap !== undefined && grant.amountFen > cap) {
    return {
      verdict: 'ABOVE_STANDARD',
      standard,
      explanation: `单次金额 ${yuan(grant.amountFen)} 元，超过标准上限 ${yuan(cap)} 元`,
      allowedFen: cap,
    };
  }
  if (standard.monthlyMaxFen !== undefined || standard.monthlyMinFen !== undefined) {
    const days = dayNumberOf(grant.period.end) - dayNumberOf(grant.period.start) + 1;
    const monthly = Math.round((grant.amountFen * 30) / days);
    if (standard.monthlyMaxFen !== undefined && monthly > standard.monthlyMaxFen) {
      return {
        verdict: 'ABOVE_STANDARD',
        standard,
        allowedFen: Math.round((standard.monthlyMaxFen * days) / 30),
        explanation: `折合每月 ${yuan(monthly)} 元（${yuan(grant.amountFen)} 元 × 30 ÷ ${days} 天），高于标准 ${yuan(standard.monthlyMaxFen)} 元/人·月`,
      };
    }
    if (standard.monthlyMinFen !== undefined && monthly < standard.monthlyMinFen) {
      return {
        verdict: 'BELOW_STANDARD',
        standard,
        explanation: `折合每月 ${yuan(monthly)} 元（${yuan(grant.amountFen)} 元 × 30 ÷ ${days} 天），低于标准 ${yuan(standard.monthlyMinFen)} 元/人·月`,
      };
    }
  }
  return { verdict: 'WITHIN_STANDARD', standard };
}
