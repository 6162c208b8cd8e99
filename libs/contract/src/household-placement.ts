import { parseSource } from './source-path';

/**
 * Contract section 1: civil affairs keeps household composition, so its households decide where a person lives.
 * The household rule below is the hub's one reading of that: the matcher places persons by it
 * (`LinkWorkspace.placeInDepartmentHousehold`) and the detector keeps the placements the matcher publishes by it
 * (`FactStore`), so that events arriving late or out of order never undo what the matcher decided.
 */
export const HOUSEHOLD_AUTHORITY = 'civil-affairs';

/** Who placed a person in their household: HOUSEHOLD_AUTHORITY, or null (any other department, or nobody). */
export type HouseholdPlacer = typeof HOUSEHOLD_AUTHORITY | null;

/** The placer of a household named in a record from `source`. */
export function householdPlacerOf(source: string): HouseholdPlacer {
  return parseSource(source)?.department === HOUSEHOLD_AUTHORITY ? HOUSEHOLD_AUTHORITY : null;
}

/**
 * The household rule: a household named for a person by `placer` moves them there unless civil affairs placed them
 * (`currentPlacer`) and `placer` is not civil affairs. A school's or an employment office's household joins the
 * family of a person nobody placed yet, never takes one out of the family civil affairs put them in.
 */
export function placementMoves(placer: string | null, currentPlacer: string | null): boolean {
  return placer === HOUSEHOLD_AUTHORITY || currentPlacer !== HOUSEHOLD_AUTHORITY;
}

/**
 * `placementMoves` in SQL over two placer expressions, for an upsert that must decide against the row as committed
 * (two detector processes may place one person at once). Written out from the function's truth table, so the SQL
 * cannot say anything the function does not.
 */
export function placementMovesSql(placer: string, currentPlacer: string): string {
  const placedBy = (expression: string, authority: boolean) =>
    `${expression} ${authority ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM'} '${HOUSEHOLD_AUTHORITY}'`;
  const cases = [true, false].flatMap((incoming) =>
    [true, false]
      .filter((current) => placementMoves(incoming ? HOUSEHOLD_AUTHORITY : null, current ? HOUSEHOLD_AUTHORITY : null))
      .map((current) => `(${placedBy(placer, incoming)} AND ${placedBy(currentPlacer, current)})`),
  );
  return cases.length === 0 ? 'false' : `(${cases.join(' OR ')})`;
}

/**
 * A merge under the household rule: the survivor takes a merged person's household when it has none, or when civil
 * affairs placed the merged person and not the survivor. Keeping the survivor's household regardless took 袁国 out of
 * the 低保 family civil affairs put him in (his employment office record, a person of its own, survived the merge),
 * and the family, with no one employed left in it, got an employment omission alert it did not owe.
 */
export function mergeTakesHousehold(survivor: HouseholdPlacement, merged: HouseholdPlacement): boolean {
  if (merged.householdId === null) return false;
  if (survivor.householdId === null) return true;
  return merged.placedBy === HOUSEHOLD_AUTHORITY && survivor.placedBy !== HOUSEHOLD_AUTHORITY;
}

/**
 * `mergeTakesHousehold` in SQL over the survivor's and the merged person's household and placer expressions, written
 * out from the function's truth table like `placementMovesSql`.
 */
export function mergeTakesHouseholdSql(
  survivor: { householdId: string; placedBy: string },
  merged: { householdId: string; placedBy: string },
): string {
  const states = [
    { householdId: null, placedBy: null },
    { householdId: 'H', placedBy: null },
    { householdId: 'H', placedBy: HOUSEHOLD_AUTHORITY },
  ];
  const sql = (columns: { householdId: string; placedBy: string }, state: HouseholdPlacement) =>
    state.householdId === null
      ? `${columns.householdId} IS NULL`
      : `${columns.householdId} IS NOT NULL AND ${columns.placedBy} ${state.placedBy ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM'} '${HOUSEHOLD_AUTHORITY}'`;
  const cases = states.flatMap((s) =>
    states.filter((m) => mergeTakesHousehold(s, m)).map((m) => `(${sql(survivor, s)} AND ${sql(merged, m)})`),
  );
  return cases.length === 0 ? 'false' : `(${cases.join(' OR ')})`;
}

export interface HouseholdPlacement {
  /** The household named; null when the record names none (it places nobody). */
  householdId: string | null;
  placedBy: string | null;
}

/**
 * Of one person's placements in the order they came, applied in turn by the household rule over a person placed by
 * `currentPlacer`, the last that moved them; undefined when none did. Applying the one that stands to the current
 * placement afterwards (as an upsert does with `placementMovesSql`) ends where applying them all one by one would.
 */
export function standingPlacement<T>(
  items: readonly T[],
  placementOf: (item: T) => HouseholdPlacement,
  currentPlacer: string | null = null,
): T | undefined {
  let standing: T | undefined;
  let placer = currentPlacer;
  for (const item of items) {
    const p = placementOf(item);
    if (p.householdId === null || !placementMoves(p.placedBy, placer)) continue;
    standing = item;
    placer = p.placedBy;
  }
  return standing;
}
