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
  const e = error as { name?: string; message?: string; code?: string; stack?: string };
  const frame =
    typeof e?.stack === 'string'
      ? e.stack
          .split('\n')
          .find((l) => l.trim().startsWith('at '))
          ?.trim()
      : undefined;
  const text = `${e?.name ?? 'Error'}${e?.code ? ` ${e.code}` : ''}: ${e?.message ?? String(error)}${frame ? ` (${frame})` : ''}`;
  return storableText(text).slice(0, 1000);
}
