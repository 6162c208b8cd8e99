import { storableText } from '@hub/identity';
import { errorChain, isOutputTooLarge } from './failure-kind';

/**
 * Why a record was quarantined: stable codes in `quarantined_record.code` and the
 * `hub_records_quarantined_total` counter. Add new ones, never rename.
 */
export const QUARANTINE_CODES = {
  DATABASE_REFUSED: 'PostgreSQL refused a value derived from the record (a constraint, a type, a limit)',
  OUTPUT_TOO_LARGE: 'An output made from the record is larger than the broker or the runtime accepts',
  PROCESSING_FAILED: "The service's own code threw on the record (masking, normalising, a rule)",
} as const;

export type QuarantineCode = keyof typeof QUARANTINE_CODES;

/** PostgreSQL SQLSTATE: five characters, digits and upper-case letters. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

export function quarantineCodeOf(error: unknown): QuarantineCode {
  if (isOutputTooLarge(error)) return 'OUTPUT_TOO_LARGE';
  if (errorChain(error).some((e) => typeof e.code === 'string' && SQLSTATE.test(e.code))) return 'DATABASE_REFUSED';
  return 'PROCESSING_FAILED';
}

/**
 * The error in one storable line for the quarantine table (which holds the record itself anyway), with
 * the first frame of its stack so a developer can find the throw. Never for a log line: a database's
 * message may quote the value it refused.
 */
export function failureDetail(error: unknown): string {
  const e = error as { message?: string };
  const frame = firstFrame(error);
  const text = `${errorKind(error)}: ${e?.message ?? String(error)}${frame ? ` (${frame})` : ''}`;
  return storableText(text).slice(0, 1000);
}

/**
 * What a log line may say of a record's failure: the error's name, its code (a SQLSTATE, a socket error) and
 * where it was thrown, never its message. An operator sees why records were quarantined without opening the table.
 */
export function failureCause(error: unknown): string {
  const frame = firstFrame(error);
  return storableText(`${errorKind(error)}${frame ? ` ${frame}` : ''}`).slice(0, 300);
}

/** "2 × DATABASE_REFUSED (QueryFailedError 23505 at …)", one part per distinct code and cause. */
export function quarantineSummary(failures: { code: QuarantineCode; cause: string }[]): string {
  const counts = new Map<string, number>();
  for (const { code, cause } of failures) {
    const kind = `${code} (${cause})`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([what, n]) => `${n} × ${what}`).join('; ');
}

function errorKind(error: unknown): string {
  const e = error as { name?: string; code?: string };
  return `${e?.name ?? 'Error'}${e?.code ? ` ${e.code}` : ''}`;
}

function firstFrame(error: unknown): string | undefined {
  const stack = (error as { stack?: string })?.stack;
  return typeof stack === 'string'
    ? stack
        .split('\n')
        .find((l) => l.trim().startsWith('at '))
        ?.trim()
    : undefined;
}
