import { AttributeCondition, AttributeValue } from '@hub/rules';
import { reportedNumber } from './reported-number';

/**
 * Whether a status assertion's attribute meets a rule's condition (HOSPITALIZED.outOfPocketFen >= 600000).
 * An attribute the department did not send meets no condition, not even `!=`: an alert must rest on
 * what was reported, never on a missing value.
 */
export function meetsAttributeCondition(condition: AttributeCondition, attributes: Record<string, unknown>): boolean {
  const actual = attributes[condition.attribute];
  if (actual === undefined || actual === null) return false;
  const expected = condition.value;
  switch (condition.op) {
    case 'in':
      return (Array.isArray(expected) ? expected : [expected]).some((v) => sameValue(actual, v));
    case '=':
      return !Array.isArray(expected) && sameValue(actual, expected);
    case '!=':
      return !Array.isArray(expected) && !sameValue(actual, expected);
    default: {
      const a = reportedNumber(actual);
      const b = Array.isArray(expected) ? undefined : reportedNumber(expected);
      if (a === undefined || b === undefined) return false;
      if (condition.op === '>=') return a >= b;
      if (condition.op === '>') return a > b;
      if (condition.op === '<=') return a <= b;
      return a < b;
    }
  }
}

function sameValue(actual: unknown, expected: AttributeValue): boolean {
  if (typeof expected === 'number') return reportedNumber(actual) === expected;
  return actual === expected;
}
