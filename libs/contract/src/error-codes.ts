/**
 * Stable codes in the `x-error-code` header of `intake.dead-letter`. Department integrators filter
 * and alert on them, so a code never changes meaning; add new ones, never rename.
 */
export const INTAKE_ERROR_CODES = {
  OVERSIZE: 'Value larger than the configured maximum',
  EMPTY_VALUE: 'No value (tombstone or empty message)',
  NOT_JSON: 'Value (or JSON data) is not valid UTF-8 JSON',
  NOT_AN_OBJECT: 'JSON value is not an object',
  UNSUPPORTED_CONTENT_TYPE: 'content-type is neither CloudEvents JSON, JSON nor protobuf',
  UNSUPPORTED_SPECVERSION: 'specversion is not "1.0"',
  MISSING_ATTRIBUTE: 'A required CloudEvents attribute (id, source, type, time, data) is missing',
  INVALID_SOURCE: 'source is not /<region>/<department>/<system>',
  DEPARTMENT_MISMATCH: "source's department differs from the topic's (spoofing)",
  UNKNOWN_TYPE: 'type is not an event type of the contract',
  INVALID_TIME: 'time is not RFC 3339 with an offset',
  PROTOBUF_DECODE_FAILED: 'Binary-mode protobuf data could not be decoded',
  MISSING_FIELD: 'A required payload field is missing',
  INVALID_DATE: 'A payload date is not a real YYYY-MM-DD date, or a period ends before it starts',
  INVALID_AMOUNT: 'amountFen is not a non-negative integer',
  INVALID_FIELD: 'A payload field has the wrong type or value',
  INVALID_TEXT: 'A text attribute or field holds a NUL character or an unpaired UTF-16 surrogate (not storable text)',
  STORE_REJECTED: 'The event store refused the event (e.g. a NUL character in text)',
} as const;

export type IntakeErrorCode = keyof typeof INTAKE_ERROR_CODES;

export class IntakeRejection extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
