import { ExplanationValues, renderExplanation } from '@hub/rules';

/**
 * Renders a rule's explanation from values for exactly the placeholders the rule can fill
 * (explanationPlaceholders / explanationWithoutCostPlaceholders in @hub/rules). The loader lets a
 * county use any of those, so every one must have a value even if the default text skips it; a value
 * for anything else means the evaluator and the placeholder list have drifted apart. Both are detector
 * bugs and throw, rather than an alert showing a raw {brace}.
 */
export function explainRule(template: string, fillable: readonly string[], values: ExplanationValues): string {
  const missing = fillable.filter((name) => values[name] === undefined || values[name] === null);
  const unexpected = Object.keys(values).filter((name) => !fillable.includes(name));
  if (missing.length || unexpected.length) {
    throw new RangeError(
      `explanation values do not match the rule's placeholders (missing: ${missing.join(', ') || 'none'}; unexpected: ${unexpected.join(', ') || 'none'})`,
    );
  }
  return renderExplanation(template, values);
}

/** {name} and {idNumberMasked}: every rule can fill them, from the member's already masked subject. */
export function subjectValues(subject: { name: string; idNumberMasked: string }): {
  name: string;
  idNumberMasked: string;
} {
  return { name: subject.name, idNumberMasked: subject.idNumberMasked };
}
