import { ValidationError } from 'class-validator';
import { validatePlain } from './compiled-validator';
import { IntakeErrorCode, IntakeRejection } from './error-codes';
import { PAYLOAD_TYPES } from './payloads';
import { decodeProtobufPayload } from './protobuf';
import { DATE_CONSTRAINT, DATE_TIME_CONSTRAINT } from './validators';

type PayloadType = keyof typeof PAYLOAD_TYPES;

export function firstLeaf(
  errors: ValidationError[],
  prefix: string,
): { path: string; error: ValidationError } | undefined {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints && Object.keys(e.constraints).length) return { path, error: e };
    const nested = firstLeaf(e.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}

function codeFor(path: string, error: ValidationError): IntakeErrorCode {
  const constraints = Object.keys(error.constraints ?? {});
  if (error.value === undefined || error.value === null) return 'MISSING_FIELD';
  if (constraints.includes(DATE_CONSTRAINT) || constraints.includes(DATE_TIME_CONSTRAINT)) return 'INVALID_DATE';
  if (path.endsWith('amountFen')) return 'INVALID_AMOUNT';
  return 'INVALID_FIELD';
}

/**
 * Validates a payload of a contract event type. JSON and protobuf data both end here, so the two
 * modes cannot drift apart. Returns the plain payload as sent (unknown extra fields kept).
 */
export function validatePayload(type: string, data: Record<string, unknown> | Uint8Array): Record<string, unknown> {
  const spec = PAYLOAD_TYPES[type as PayloadType];
  if (!spec) throw new IntakeRejection('UNKNOWN_TYPE', `type "${type}" has no payload schema`);
  let plain: Record<string, unknown>;
  if (data instanceof Uint8Array) {
    try {
      plain = decodeProtobufPayload(spec.proto, data);
    } catch (e) {
      throw new IntakeRejection('PROTOBUF_DECODE_FAILED', `not a valid ${spec.proto}: ${(e as Error).message}`);
    }
  } else {
    plain = data;
  }
  const errors = validatePlain(spec.dto, plain);
  if (errors.length) {
    const leaf = firstLeaf(errors, 'data')!;
    const message = Object.values(leaf.error.constraints ?? {})[0] ?? 'invalid';
    throw new IntakeRejection(codeFor(leaf.path, leaf.error), `${leaf.path}: ${message}`);
  }
  return plain;
}
