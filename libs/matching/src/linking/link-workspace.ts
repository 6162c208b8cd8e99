import { MatchIdentity } from '../match-identity';
import { NameFrequencies } from '../name-frequency';
import { BlockKeyIndex } from './block-key-index';
import {
  HOUSEHOLD_AUTHORITY,
  householdPlacerOf,
  mergeTakesHousehold,
  placementMoves,
  recordKeyOf,
} from '@hub/contract';

/** A department record as linking knows it. */
export interface LinkedRecord<I = MatchIdentity> {
  source: string;
  sourcePersonId: string;
  personId: string;
  identity: I;
  /** Set by a reviewer: automatic linking never changes such a record. */
  manual: boolean;
}

export interface SavedRecord<I = MatchIdentity> extends LinkedRecord<I> {
  /** The value counted in NameFrequencies for this record. */
  frequencyTerm: string;
  decision: string;
  score: number;
  reasons: unknown[];
  storedKeys: string[];
  /**
   * The keys the record is stored under from before this workspace (none when it is new): they go
   * when it is saved, each by its whole key, so that nothing has to search the key table by record.
   */
  replacedKeys: string[];
}

export interface QueuedReview {
  source: string;
  sourcePersonId: string;
  candidatePersonId: string;
  score: number;
  reasons: unknown[];
}

export interface PersonMerge {
  survivorId: string;
  mergedIds: string[];
}

/**
 * What linking reads and writes, in memory. The matcher seeds one per chunk of records with what
 * PostgreSQL holds for them (their stored records, the candidates under their probe keys, person
 * households, name counts) and writes its changes back in one transaction; the evaluations keep one
 * for a whole run. Records saved here are found by later records of the same workspace, so a chunk
 * links its records exactly as if they had come one at a time.
 */
export class LinkWorkspace<I = MatchIdentity> {
  private readonly records = new Map<string, SavedRecord<I> | LinkedRecord<I>>();
  /** Block key → record keys; for seeded records only the keys that found them. */
  private readonly keyIndex = new BlockKeyIndex();
  private readonly indexedUnder = new Map<string, string[]>();
  private readonly redirects = new Map<string, string>();
  private readonly personHouseholds = new Map<string, string | null>();
  /** Persons whose household civil affairs set (HOUSEHOLD_AUTHORITY): other departments do not move them. */
  private readonly placedByAuthority = new Set<string>();
  private readonly departmentHouseholds = new Map<string, string>();

  readonly newPersons = new Set<string>();
  readonly newHouseholds = new Set<string>();
  readonly newDepartmentHouseholds = new Map<
    string,
    { source: string; departmentHouseholdId: string; householdId: string }
  >();
  readonly changedPersonHouseholds = new Set<string>();
  readonly saved = new Map<string, SavedRecord<I>>();
  readonly reviews: QueuedReview[] = [];
  readonly merges: PersonMerge[] = [];
  /** Name count changes made here, to add to the stored counts. */
  readonly nameDeltas = new Map<string, number>();

  constructor(
    readonly names: NameFrequencies = new NameFrequencies(),
    private readonly ids: { person(): string; household(): string },
  ) {}

  // --- seeding from storage -------------------------------------------------------------------

  seedRecord(record: LinkedRecord<I>, foundUnder: string[] = []): void {
    const key = recordKeyOf(record.source, record.sourcePersonId);
    if (!this.records.has(key)) this.records.set(key, record);
    for (const blockKey of foundUnder) this.index(blockKey, key);
  }

  seedPersonHousehold(personId: string, householdId: string | null, placedBy: string | null = null): void {
    if (this.personHouseholds.has(personId)) return;
    this.personHouseholds.set(personId, householdId);
    if (householdId && placedBy === HOUSEHOLD_AUTHORITY) this.placedByAuthority.add(personId);
  }

  /** The department whose household placed the person: HOUSEHOLD_AUTHORITY, or null for any other. */
  householdPlacedBy(personId: string): string | null {
    return this.placedByAuthority.has(this.resolve(personId)) ? HOUSEHOLD_AUTHORITY : null;
  }

  seedDepartmentHousehold(source: string, departmentHouseholdId: string, householdId: string): void {
    this.departmentHouseholds.set(recordKeyOf(source, departmentHouseholdId), householdId);
  }

  // --- reads ----------------------------------------------------------------------------------

  record(source: string, sourcePersonId: string): LinkedRecord<I> | undefined {
    const r = this.records.get(recordKeyOf(source, sourcePersonId));
    return r && { ...r, personId: this.resolve(r.personId) };
  }

  /** Records under any of the keys, but the record itself; persons resolved through merges. */
  candidates(probeKeys: string[], self: string, maxPerKey = 100): LinkedRecord<I>[] {
    const found = new Set<string>();
    for (const k of probeKeys) {
      let n = 0;
      for (const recordKey of this.keyIndex.get(k)) {
        if (n++ >= maxPerKey) break;
        if (recordKey !== self) found.add(recordKey);
      }
    }
    return [...found].map((k) => {
      const r = this.records.get(k)!;
      return { ...r, personId: this.resolve(r.personId) };
    });
  }

  /** The records the workspace holds (read from storage or linked here) of these persons, persons resolved. */
  recordsOf(personIds: ReadonlySet<string>): LinkedRecord<I>[] {
    const found: LinkedRecord<I>[] = [];
    for (const r of this.records.values()) {
      const personId = this.resolve(r.personId);
      if (personIds.has(personId)) found.push({ ...r, personId });
    }
    return found;
  }

  resolve(personId: string): string {
    let id = personId;
    for (let next = this.redirects.get(id); next; next = this.redirects.get(id)) id = next;
    return id;
  }

  householdOfPerson(personId: string): string | null {
    return this.personHouseholds.get(this.resolve(personId)) ?? null;
  }

  // --- writes ---------------------------------------------------------------------------------

  newPerson(): string {
    const id = this.ids.person();
    this.newPersons.add(id);
    this.personHouseholds.set(id, null);
    return id;
  }

  /** `previousTerm`: the frequency term the record was counted under before, if it was stored. */
  saveRecord(record: SavedRecord<I>, previousTerm?: string): void {
    const key = recordKeyOf(record.source, record.sourcePersonId);
    if (previousTerm !== record.frequencyTerm) {
      if (previousTerm !== undefined) this.countName(previousTerm, -1);
      this.countName(record.frequencyTerm, 1);
    }
    for (const blockKey of this.indexedUnder.get(key) ?? []) this.keyIndex.delete(blockKey, key);
    this.indexedUnder.delete(key);
    this.records.set(key, record);
    for (const blockKey of record.storedKeys) this.index(blockKey, key);
    const earlier = this.saved.get(key);
    this.saved.set(key, { ...record, replacedKeys: earlier ? earlier.replacedKeys : record.replacedKeys });
  }

  queueReview(review: QueuedReview): void {
    this.reviews.push(review);
  }

  /** The merged persons redirect to the survivor, which takes a household of theirs by the household rule (`mergeTakesHousehold`). */
  merge(survivorId: string, mergedIds: string[]): void {
    for (const id of mergedIds) {
      this.redirects.set(id, survivorId);
      // Read by the merged id itself: it redirects to the survivor already.
      const merged = {
        householdId: this.personHouseholds.get(id) ?? null,
        placedBy: this.placedByAuthority.has(id) ? HOUSEHOLD_AUTHORITY : null,
      };
      const survivor = {
        householdId: this.householdOfPerson(survivorId),
        placedBy: this.householdPlacedBy(survivorId),
      };
      if (mergeTakesHousehold(survivor, merged))
        this.placeInHousehold(survivorId, merged.householdId!, merged.placedBy === HOUSEHOLD_AUTHORITY);
    }
    this.merges.push({ survivorId, mergedIds });
  }

  /**
   * Ties a department's household to a hub household and places the person in it. Civil affairs keeps
   * household composition (contract section 1), so its households decide where a person lives; other
   * departments' households (a school's, an employment office's) join the hub household of the person
   * when first seen, but never move a person civil affairs placed (the household rule, libs/contract
   * `placementMoves`, which the detector keeps too). A department household is tied for
   * good: to the one it was tied to before; else the person's current household (the same family,
   * seen first by another department), unless that came from civil affairs and this is another civil
   * affairs household that the person's own record in that system names (a move); else a new one.
   * `firstRecord` says the record is new to the hub: a civil affairs system registering a person another
   * civil affairs system already placed (低保 in a second county, what dup.same-program-overlap reports)
   * does not take the person out of the family; its household is tied to the person's.
   */
  placeInDepartmentHousehold(
    personId: string,
    source: string,
    departmentHouseholdId: string,
    firstRecord = false,
  ): string {
    const placer = householdPlacerOf(source);
    const authority = placer === HOUSEHOLD_AUTHORITY;
    const key = recordKeyOf(source, departmentHouseholdId);
    const current = this.householdOfPerson(personId);
    const placedByAuthority = this.placedByAuthority.has(this.resolve(personId));
    let householdId = this.departmentHouseholds.get(key);
    if (!householdId) {
      const moves = authority && placedByAuthority && !firstRecord;
      householdId = current && !moves ? current : this.ids.household();
      if (householdId !== current) this.newHouseholds.add(householdId);
      this.departmentHouseholds.set(key, householdId);
      this.newDepartmentHouseholds.set(key, { source, departmentHouseholdId, householdId });
    }
    if (placementMoves(placer, this.householdPlacedBy(personId)))
      this.placeInHousehold(personId, householdId, authority);
    return this.householdOfPerson(personId)!;
  }

  private placeInHousehold(personId: string, householdId: string, byAuthority: boolean): void {
    const id = this.resolve(personId);
    if (byAuthority && !this.placedByAuthority.has(id)) {
      this.placedByAuthority.add(id);
      this.changedPersonHouseholds.add(id);
    }
    if (this.personHouseholds.get(id) === householdId) return;
    this.personHouseholds.set(id, householdId);
    this.changedPersonHouseholds.add(id);
  }

  private index(blockKey: string, recordKey: string): void {
    this.keyIndex.add(blockKey, recordKey);
    const under = this.indexedUnder.get(recordKey);
    if (under) under.push(blockKey);
    else this.indexedUnder.set(recordKey, [blockKey]);
  }

  private countName(name: string, delta: number): void {
    if (!name) return;
    this.names.add(name, delta);
    this.nameDeltas.set(name, (this.nameDeltas.get(name) ?? 0) + delta);
  }
}
