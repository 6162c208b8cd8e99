import { GroupPartitionOffset, PartitionOffsets } from '@hub/kafka';

/**
 * Messages a consumer group has not yet committed past, on one topic: per partition the end offset
 * minus the group's committed offset (a partition the group never committed on lags by all it holds).
 */
export function groupLag(ends: PartitionOffsets[], committed: GroupPartitionOffset[]): number {
  const at = new Map(committed.map((c) => [c.partition, BigInt(c.offset)]));
  let lag = 0n;
  for (const end of ends) {
    const from = at.get(end.partition) ?? BigInt(end.low);
    const high = BigInt(end.high);
    if (high > from) lag += high - from;
  }
  return Number(lag);
}
