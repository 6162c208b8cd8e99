/**
 * Candidate pairs by blocking: two records are compared when any key function gives them a common key.
 * Blocks larger than `maxBlock` are skipped (a key that common says nothing and costs quadratically).
 */
export function candidatePairs<T>(
  records: T[],
  keys: ((r: T) => string[])[],
  options: { maxBlock: number; accept?: (a: T, b: T) => boolean },
): [number, number][] {
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (const key of keys) {
    const blocks = new Map<string, number[]>();
    records.forEach((r, i) => {
      for (const k of key(r)) {
        if (!k) continue;
        const members = blocks.get(k);
        if (members) members.push(i);
        else blocks.set(k, [i]);
      }
    });
    for (const members of blocks.values()) {
      if (members.length > options.maxBlock) continue;
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const [i, j] = [members[x], members[y]];
          const code = i * records.length + j;
          if (seen.has(code) || (options.accept && !options.accept(records[i], records[j]))) continue;
          seen.add(code);
          pairs.push([i, j]);
        }
      }
    }
  }
  return pairs;
}

export function pairwiseScores(
  truePositives: number,
  falsePositives: number,
  truePairs: number,
): { precision: number; recall: number; f1: number } {
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePairs);
  return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall) };
}

/** Every unordered pair of records assigned to the same person ("a~b", a < b). */
export function linkedPairs(assignment: Map<string, string>): Set<string> {
  const byPerson = new Map<string, string[]>();
  for (const [record, person] of assignment) {
    const members = byPerson.get(person);
    if (members) members.push(record);
    else byPerson.set(person, [record]);
  }
  const pairs = new Set<string>();
  for (const members of byPerson.values()) {
    members.sort();
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) pairs.add(`${members[i]}~${members[j]}`);
  }
  return pairs;
}

/** Share of linked pairs two runs have in common (intersection over union; 1 when both link nothing). */
export function pairAgreement(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const p of a) if (b.has(p)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 1 : both / union;
}
