import { PERSON_LINK_TYPES, PersonLinkData, PersonMergedData } from '@hub/topics';

/** One CloudEvent read from `persons.links`, with where it lay (to order events of one key). */
export interface PublishedLink {
  cloudEventId: string;
  type: string;
  time: string;
  partition: number;
  offset: string;
  data: PersonLinkData | PersonMergedData;
}

/** A department record as contract section 3 names it: source + sourcePersonId. */
export const departmentRecordKey = (source: string, sourcePersonId: string): string => `${source}|${sourcePersonId}`;

/**
 * What `persons.links` says about the records, read as a consumer would: the persons the records end up
 * in after every merge, as a partition of the records (person ids are generated, so runs are compared by
 * which records share a person, never by the ids), and the records parked as POSSIBLE_MATCH.
 */
export interface LinkOutcome {
  /** Every decided record's person, canonically named: its members' record keys, sorted and joined. */
  clusters: Set<string>;
  /** POSSIBLE_MATCH records, each with the canonical name of the person it was proposed for. */
  possible: Map<string, string>;
  decided: Set<string>;
  /** Records with more than one distinct decision (a record moved between persons). */
  redecided: number;
}

/** Follows merges to the surviving person (union by merge events, whatever order they came in). */
class MergeForest {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    while (this.parent.has(root)) root = this.parent.get(root)!;
    for (let at = id; at !== root;) {
      const next = this.parent.get(at)!;
      this.parent.set(at, root);
      at = next;
    }
    return root;
  }

  join(a: string, b: string): void {
    const [x, y] = [this.find(a), this.find(b)];
    if (x !== y) this.parent.set(y, x);
  }
}

const isMerge = (l: PublishedLink): l is PublishedLink & { data: PersonMergedData } =>
  l.type === PERSON_LINK_TYPES.merged;

/** Later decisions replace earlier ones of the same record: ordered by publish time, then position. */
function later(a: PublishedLink, b: PublishedLink): boolean {
  if (a.time !== b.time) return a.time > b.time;
  return a.partition === b.partition ? BigInt(a.offset) > BigInt(b.offset) : false;
}

export function linkOutcome(links: PublishedLink[]): LinkOutcome {
  const forest = new MergeForest();
  const latest = new Map<string, PublishedLink & { data: PersonLinkData }>();
  const decisions = new Map<string, Set<string>>();
  for (const l of links) {
    if (isMerge(l)) {
      for (const merged of l.data.mergedIds) forest.join(l.data.survivorId, merged);
      continue;
    }
    if (l.type !== PERSON_LINK_TYPES.linked) continue;
    const link = l as PublishedLink & { data: PersonLinkData };
    const key = departmentRecordKey(link.data.source, link.data.sourcePersonId);
    const seen = latest.get(key);
    if (!seen || later(link, seen)) latest.set(key, link);
    decisions.set(key, (decisions.get(key) ?? new Set()).add(`${link.data.decision}:${link.data.personId}`));
  }
  const members = new Map<string, string[]>();
  for (const [key, link] of latest) {
    if (link.data.decision === 'POSSIBLE_MATCH') continue;
    const person = forest.find(link.data.personId);
    members.set(person, [...(members.get(person) ?? []), key]);
  }
  const nameOf = new Map([...members].map(([person, keys]) => [person, keys.sort().join(' + ')]));
  const possible = new Map<string, string>();
  for (const [key, link] of latest) {
    if (link.data.decision !== 'POSSIBLE_MATCH') continue;
    const candidate = forest.find(link.data.personId);
    possible.set(key, nameOf.get(candidate) ?? `(a person with no decided record)`);
  }
  return {
    clusters: new Set(nameOf.values()),
    possible,
    decided: new Set(latest.keys()),
    redecided: [...decisions.values()].filter((d) => d.size > 1).length,
  };
}

/**
 * Where two runs' link outcomes differ: persons (clusters) found in one run only, and the POSSIBLE_MATCH records
 * whose proposals differ.
 */
export function linkDifferences(
  run: LinkOutcome,
  baseline: LinkOutcome,
): { clustersOnlyHere: string[]; clustersOnlyInBaseline: string[]; possibleDiffering: string[] } {
  const possibleKeys = new Set([...run.possible.keys(), ...baseline.possible.keys()]);
  return {
    clustersOnlyHere: [...run.clusters].filter((c) => !baseline.clusters.has(c)),
    clustersOnlyInBaseline: [...baseline.clusters].filter((c) => !run.clusters.has(c)),
    possibleDiffering: [...possibleKeys].filter((k) => run.possible.get(k) !== baseline.possible.get(k)),
  };
}

/** How many of each `linkDifferences` finds. */
export function linkDifference(
  run: LinkOutcome,
  baseline: LinkOutcome,
): { clustersOnlyHere: number; clustersOnlyInBaseline: number; possibleDiffering: number } {
  const differences = linkDifferences(run, baseline);
  return {
    clustersOnlyHere: differences.clustersOnlyHere.length,
    clustersOnlyInBaseline: differences.clustersOnlyInBaseline.length,
    possibleDiffering: differences.possibleDiffering.length,
  };
}
