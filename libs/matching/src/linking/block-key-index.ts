/** Shards of the index: a JavaScript Map holds at most 2^24 entries, and 5M persons have about 25M block keys. */
const SHARDS = 16;

/**
 * Block key → the record keys stored under it, for a workspace of any size: the matcher's chunk holds a few
 * thousand keys, the in-memory linker `bench:match` compares with holds every key of the county (5M persons known:
 * more keys than one Map can hold, so they are spread over SHARDS maps by a hash of the key).
 */
export class BlockKeyIndex {
  private readonly shards = Array.from({ length: SHARDS }, () => new Map<string, Set<string>>());

  /** The record keys under `blockKey` (empty when none). */
  get(blockKey: string): ReadonlySet<string> {
    return this.shardOf(blockKey).get(blockKey) ?? NONE;
  }

  add(blockKey: string, recordKey: string): void {
    const shard = this.shardOf(blockKey);
    let members = shard.get(blockKey);
    if (!members) shard.set(blockKey, (members = new Set()));
    members.add(recordKey);
  }

  delete(blockKey: string, recordKey: string): void {
    this.shardOf(blockKey).get(blockKey)?.delete(recordKey);
  }

  private shardOf(blockKey: string): Map<string, Set<string>> {
    // FNV-1a over the key's UTF-16 code units: cheap, and spreads keys that share long prefixes ("id:3305…").
    let hash = 0x811c9dc5;
    for (let i = 0; i < blockKey.length; i++) hash = Math.imul(hash ^ blockKey.charCodeAt(i), 0x01000193);
    return this.shards[(hash >>> 0) % SHARDS];
  }
}

const NONE: ReadonlySet<string> = new Set();
