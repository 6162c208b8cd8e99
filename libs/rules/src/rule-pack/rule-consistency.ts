import {
  explanationPlaceholders,
  explanationWithoutCostPlaceholders,
  placeholdersIn,
} from './explanation-placeholders';
import {
  ALERT_TOPIC_OF_KIND,
  AlertKind,
  DUPLICATE_TEMPLATES,
  RuleDefinition,
  RuleScope,
  RuleTemplate,
} from './rule-definitions';
import { RuleFieldReader } from './rule-field-reader';

/** Contract §6 fixes where each finding goes: duplicates and payments after death to alerts.duplicate, the rest to alerts.omission. */
export function kindOfTemplate(template: RuleTemplate): AlertKind {
  return (DUPLICATE_TEMPLATES as readonly string[]).includes(template) ? 'DUPLICATE' : 'OMISSION';
}

/** HOUSEHOLD when the rule must see other members' statuses; the detector then evaluates it per household. */
export function scopeRequiredBy(rule: RuleDefinition): RuleScope {
  if (rule.template === 'household-employment') return 'HOUSEHOLD';
  if (rule.template === 'missing-benefit' && rule.householdStatusesAny.length) return 'HOUSEHOLD';
  return 'PERSON';
}

/**
 * Fields that must agree with each other. kind, topic and scope follow from the rule's logic; the file
 * states them so a reader sees them, and a contradiction means the file says one thing and the
 * detector would do another.
 */
export function checkRuleConsistency(rule: RuleDefinition, r: RuleFieldReader): void {
  const kind = kindOfTemplate(rule.template);
  if (!r.failed('kind') && rule.kind !== kind)
    r.report('kind', `must be ${kind} for template ${rule.template} (got ${JSON.stringify(rule.kind)})`);
  if (!r.failed('topic') && rule.topic !== ALERT_TOPIC_OF_KIND[kind]) {
    r.report(
      'topic',
      `must be ${ALERT_TOPIC_OF_KIND[kind]} for ${kind} alerts (contract §6; got ${JSON.stringify(rule.topic)})`,
    );
  }
  const scope = scopeRequiredBy(rule);
  if (!r.failed('scope') && !r.failed('householdStatusesAny') && rule.scope !== scope) {
    const why =
      scope === 'HOUSEHOLD' ? 'the rule looks at other household members' : 'the rule looks at one person only';
    r.report('scope', `must be ${scope}: ${why} (got ${JSON.stringify(rule.scope)})`);
  }
  // A condition that failed to load takes its placeholders with it: reporting those too would be noise.
  if (!r.failed('attributeConditions'))
    checkPlaceholders(r, 'explanation', rule.explanation, explanationPlaceholders(rule));
  if (rule.template === 'same-cause')
    checkPlaceholders(r, 'explanationWithoutCost', rule.explanationWithoutCost, explanationWithoutCostPlaceholders());
}

function checkPlaceholders(r: RuleFieldReader, field: string, template: string, fillable: readonly string[]): void {
  if (!template) return;
  const { names, strayBrace } = placeholdersIn(template);
  for (const name of new Set(names)) {
    if (!fillable.includes(name))
      r.report(
        field,
        `has placeholder {${name}} this rule cannot fill (it can fill ${fillable.map((f) => `{${f}}`).join(' ')})`,
      );
  }
  if (strayBrace) r.report(field, 'has a brace that is not part of a {placeholder}');
}
