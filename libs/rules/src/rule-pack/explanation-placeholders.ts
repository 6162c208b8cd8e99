import { RuleDefinition } from './rule-definitions';

/**
 * The values the detector supplies when it renders a rule's explanation. The loader refuses a
 * template naming anything else, so a county's wording mistake fails at start-up, not in an alert.
 * Texts are caseworker-facing: `program(s)` and `statuses` are Chinese names (低保金, 低保对象),
 * dates are county dates, money is in yuan.
 */
const EVERY_RULE = ['name', 'idNumberMasked'] as const;

/** Per rule, not per template: some placeholders exist only with some parameters. */
export function explanationPlaceholders(rule: RuleDefinition): readonly string[] {
  switch (rule.template) {
    case 'overlap':
      return [...EVERY_RULE, 'program', 'start', 'end', 'days', 'sources'];
    case 'exclusive':
      return [...EVERY_RULE, 'programA', 'programB', 'start', 'end', 'days'];
    case 'same-cause':
      return [...EVERY_RULE, 'causeRef', 'programs', 'count', 'totalYuan', 'costYuan'];
    case 'after-death':
      return [...EVERY_RULE, 'program', 'deathDate', 'end', 'days'];
    case 'outside-standard':
      return [...EVERY_RULE, 'program', 'start', 'end', 'amountYuan', 'comparison', 'standardYear'];
    case 'missing-benefit':
      return [
        ...EVERY_RULE,
        'statuses',
        'programs',
        'start',
        'dueAt',
        'days',
        ...(rule.householdStatusesAny.length ? ['householdId'] : []),
        ...(rule.windowStart === 'ON_DATE' ? ['onDate'] : []),
        ...rule.attributeConditions.flatMap((c) => attributePlaceholders(c.attribute)),
      ];
    case 'household-employment':
      return [...EVERY_RULE, 'householdId', 'jobSeekers', 'programs', 'start', 'dueAt', 'days'];
    case 'application-sla':
      return [
        ...EVERY_RULE,
        'applicationId',
        'program',
        'channel',
        'receivedAt',
        'dueAt',
        'days',
        ...(rule.windowStart === 'REFERRED' ? ['referredAt', 'fromDepartment', 'toDepartment', 'need'] : []),
      ];
  }
}

/** same-cause without a recorded cost: there is no cost to name, and the grants share one program. */
export function explanationWithoutCostPlaceholders(): readonly string[] {
  return [...EVERY_RULE, 'causeRef', 'program', 'count', 'totalYuan'];
}

/** A money attribute (…Fen) is also offered in yuan, the unit caseworkers read. */
export function attributePlaceholders(attribute: string): string[] {
  return attribute.endsWith('Fen') ? [attribute, `${attribute.slice(0, -3)}Yuan`] : [attribute];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Placeholder names in a template, in order, and whether any brace is left that is not part of one. */
export function placeholdersIn(template: string): { names: string[]; strayBrace: boolean } {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return { names, strayBrace: /[{}]/.test(template.replace(PLACEHOLDER, '')) };
}

export const PLACEHOLDER_PATTERN = PLACEHOLDER;
