import { RuleDefinition } from '@hub/rules';
import { EvaluationContext, RuleOutcome } from './rule-outcome';
import { evaluateAfterDeathRule } from './templates/after-death-rule';
import { evaluateApplicationSlaRule } from './templates/application-sla-rule';
import { evaluateExclusiveRule } from './templates/exclusive-rule';
import { evaluateHouseholdEmploymentRule } from './templates/household-employment-rule';
import { evaluateMissingBenefitRule } from './templates/missing-benefit-rule';
import { evaluateOutsideStandardRule } from './templates/outside-standard-rule';
import { evaluateOverlapRule } from './templates/overlap-rule';
import { evaluateSameCauseRule } from './templates/same-cause-rule';

/** One evaluator per template (rule-definitions.ts); the switch is exhaustive, so a new template fails to compile until it has one. */
export function evaluateRule(rule: RuleDefinition, context: EvaluationContext): RuleOutcome {
  switch (rule.template) {
    case 'overlap':
      return evaluateOverlapRule(rule, context);
    case 'exclusive':
      return evaluateExclusiveRule(rule, context);
    case 'same-cause':
      return evaluateSameCauseRule(rule, context);
    case 'after-death':
      return evaluateAfterDeathRule(rule, context);
    case 'outside-standard':
      return evaluateOutsideStandardRule(rule, context);
    case 'missing-benefit':
      return evaluateMissingBenefitRule(rule, context);
    case 'household-employment':
      return evaluateHouseholdEmploymentRule(rule, context);
    case 'application-sla':
      return evaluateApplicationSlaRule(rule, context);
  }
}
