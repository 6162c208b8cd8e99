// The agreed interface (what the detector builds and what becomes an alert), then rule evaluation.
export * from './timeline';
export * from './finding';
export * from './overpayment';
export * from './evaluate-household';
export * from './alert-id';
export type { EvaluationContext, RuleOutcome } from './rule-outcome';
export { evaluateRule } from './rule-dispatch';
