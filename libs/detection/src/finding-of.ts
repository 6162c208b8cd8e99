import { RuleDefinition } from '@hub/rules';
import { Finding } from './finding';

/** A finding with the rule's own kind, id and severity; the evaluator supplies the rest. */
export function findingOf(rule: RuleDefinition, fields: Omit<Finding, 'kind' | 'ruleId' | 'severity'>): Finding {
  const { alertId, ...rest } = fields;
  return { alertId, kind: rule.kind, ruleId: rule.id, severity: rule.severity, ...rest };
}
