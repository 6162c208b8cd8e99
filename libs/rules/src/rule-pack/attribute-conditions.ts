import { KNOWN_STATUSES } from '@hub/contract';
import { RuleFieldReader } from './rule-field-reader';

/** A condition on one attribute of a status assertion, e.g. HOSPITALIZED.outOfPocketFen >= 600000. */
export interface AttributeCondition {
  status: string;
  attribute: string;
  op: AttributeOperator;
  /** A list for `in`, a single value otherwise. */
  value: AttributeValue | AttributeValue[];
}
export type AttributeValue = string | number | boolean;

export const ATTRIBUTE_OPERATORS = ['=', '!=', '>=', '>', '<=', '<', 'in'] as const;
export type AttributeOperator = (typeof ATTRIBUTE_OPERATORS)[number];

type AttributeShape =
  | { type: 'integer'; min: number; max?: number }
  | { type: 'boolean' }
  | { type: 'code'; values: readonly string[] }
  /** A reference (admission number, disaster id): evidence, never something to compare with a threshold. */
  | { type: 'reference' };

/** Contract §5: the attributes each status carries and what their values are. */
export const STATUS_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, AttributeShape>>>> = {
  DISABLED: { level: { type: 'integer', min: 1, max: 4 } },
  UNEMPLOYED: { ableToWork: { type: 'boolean' } },
  STUDENT: { stage: { type: 'code', values: ['PRESCHOOL', 'COMPULSORY', 'HIGH_SCHOOL', 'VOCATIONAL', 'HIGHER'] } },
  HOSPITALIZED: { outOfPocketFen: { type: 'integer', min: 0 }, admissionRef: { type: 'reference' } },
  DISASTER_AFFECTED: {
    disasterId: { type: 'reference' },
    houseDamage: { type: 'code', values: ['NONE', 'PARTIAL', 'COLLAPSED'] },
  },
};

const OPERATORS_OF: Record<AttributeShape['type'], readonly AttributeOperator[]> = {
  integer: ['=', '!=', '>=', '>', '<=', '<', 'in'],
  boolean: ['=', '!='],
  code: ['=', '!=', 'in'],
  reference: [],
};

/** The shape of an attribute, or undefined when the contract gives that status no such attribute. */
export function attributeShape(status: string, attribute: string): AttributeShape | undefined {
  return STATUS_ATTRIBUTES[status]?.[attribute];
}

/** Reads `{ status, attribute, op, value }` and checks it against the contract's attribute catalogue. */
export function readAttributeCondition(reader: RuleFieldReader): AttributeCondition | undefined {
  const status = reader.code('status', KNOWN_STATUSES, 'status');
  const attribute = reader.text('attribute');
  const op = reader.oneOf('op', ATTRIBUTE_OPERATORS);
  const value = reader.raw('value');
  reader.reportUnknownFields();
  if (!status || !attribute) return undefined;
  const shape = attributeShape(status, attribute);
  if (!shape) {
    const known = Object.keys(STATUS_ATTRIBUTES[status] ?? {});
    reader.report(
      'attribute',
      `${attribute} is not an attribute of ${status} (contract §5: ${known.length ? known.join(', ') : 'none'})`,
    );
    return undefined;
  }
  if (!OPERATORS_OF[shape.type].includes(op)) {
    reader.report(
      'op',
      shape.type === 'reference'
        ? `cannot compare ${status}.${attribute}: it names a case, it is not a measure`
        : `${op} does not apply to ${status}.${attribute} (use ${OPERATORS_OF[shape.type].join(', ')})`,
    );
    return undefined;
  }
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) {
      reader.report('value', `must be a non-empty list for op in (got ${JSON.stringify(value ?? null)})`);
      return undefined;
    }
    const ok = value.every((v, i) => checkValue(reader, `value[${i}]`, v, shape, status, attribute));
    return ok ? { status, attribute, op, value: value as AttributeValue[] } : undefined;
  }
  return checkValue(reader, 'value', value, shape, status, attribute)
    ? { status, attribute, op, value: value as AttributeValue }
    : undefined;
}

function checkValue(
  reader: RuleFieldReader,
  field: string,
  value: unknown,
  shape: AttributeShape,
  status: string,
  attribute: string,
): boolean {
  const got = JSON.stringify(value ?? null);
  switch (shape.type) {
    case 'integer': {
      const ok =
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= shape.min &&
        (shape.max === undefined || value <= shape.max);
      const range = shape.max === undefined ? `>= ${shape.min}` : `${shape.min}–${shape.max}`;
      if (!ok) reader.report(field, `must be an integer ${range} for ${status}.${attribute} (got ${got})`);
      return ok;
    }
    case 'boolean':
      if (typeof value !== 'boolean')
        reader.report(field, `must be true or false for ${status}.${attribute} (got ${got})`);
      return typeof value === 'boolean';
    case 'code': {
      const ok = typeof value === 'string' && shape.values.includes(value);
      if (!ok)
        reader.report(field, `must be one of ${shape.values.join(', ')} for ${status}.${attribute} (got ${got})`);
      return ok;
    }
    default:
      return false;
  }
}
