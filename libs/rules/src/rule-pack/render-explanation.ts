import { PLACEHOLDER_PATTERN } from './explanation-placeholders';

export type ExplanationValues = Readonly<Record<string, string | number>>;

/**
 * Fills `{placeholder}`s of a rule's explanation. A placeholder without a value throws: the loader
 * has already checked the template, so a missing value is a detector bug, and an alert reading
 * "…未获{programs}…" would be worse than a failed render.
 */
export function renderExplanation(template: string, values: ExplanationValues): string {
  return template.replace(PLACEHOLDER_PATTERN, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) throw new RangeError(`explanation placeholder {${name}} has no value`);
    return String(value);
  });
}
