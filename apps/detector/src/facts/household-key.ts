/**
 * What the detector evaluates together: a hub household by its id, or a person no department placed in one as
 * `P:<personId>`. The key is stored (`alert.household_key`, `detector_due.household_key`): keep its format. This
 * module is the only one that builds or reads it. Hub household ids never begin with `P:` (the matcher's are `H-…`).
 */
const LONE_PERSON = 'P:';

export const householdKeyOf = (personId: string, householdId: string | null): string =>
  householdId ?? `${LONE_PERSON}${personId}`;

/** What a key names: a household, or a person with none (as they were when the key was made). */
export type HouseholdKeyTarget =
  { householdId: string; personId?: undefined } | { personId: string; householdId?: undefined };

export function parseHouseholdKey(key: string): HouseholdKeyTarget {
  return key.startsWith(LONE_PERSON) ? { personId: key.slice(LONE_PERSON.length) } : { householdId: key };
}
