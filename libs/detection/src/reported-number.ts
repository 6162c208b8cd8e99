/**
 * A number as a department reported it: amounts in fen, levels. Protobuf int64 fields may arrive as
 * decimal text ("800000"), which is the same amount; anything else is not a number and meets no
 * threshold.
 */
export function reportedNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
