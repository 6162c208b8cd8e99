import { Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, PartitionOffsets, partitionKey } from '@hub/kafka';

interface KnownLast {
  high: string;
  at: number | null;
}

/**
 * When each topic last received a message: the broker timestamp of each partition's last message.
 * Reading a message costs a short-lived consumer, so a partition is read again only when its end
 * offset moved since the last look.
 */
@Injectable()
export class LastEventTimes {
  private readonly known = new Map<string, KnownLast>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  /** The latest message time over the partitions, or null for an empty topic. */
  async latest(offsets: Map<string, PartitionOffsets[]>): Promise<Map<string, Date | null>> {
    // One look at a time: two console tabs refreshing together share the reads.
    const run = this.pending.then(() => this.refresh(offsets));
    this.pending = run.catch(() => undefined);
    await run;
    const result = new Map<string, Date | null>();
    for (const [topic, partitions] of offsets) {
      const times = partitions
        .map((p) => this.known.get(partitionKey(topic, p.partition))?.at ?? null)
        .filter((t): t is number => t !== null);
      result.set(topic, times.length ? new Date(Math.max(...times)) : null);
    }
    return result;
  }

  private async refresh(offsets: Map<string, PartitionOffsets[]>): Promise<void> {
    const stale = [...offsets].flatMap(([topic, partitions]) =>
      partitions
        .filter(
          (p) => BigInt(p.high) > BigInt(p.low) && this.known.get(partitionKey(topic, p.partition))?.high !== p.high,
        )
        .map((p) => ({ topic, partition: p.partition, offset: (BigInt(p.high) - 1n).toString() })),
    );
    if (stale.length === 0) return;
    const found = await this.bus.fetchMessages(stale, 5000);
    for (const position of stale) {
      const m = found.find((x) => x.topic === position.topic && x.partition === position.partition);
      // Not found (deleted since, or a transaction marker at the end): unknown until the offset moves.
      this.known.set(partitionKey(position.topic, position.partition), {
        high: (BigInt(position.offset) + 1n).toString(),
        at: m ? Number(m.timestamp) : null,
      });
    }
  }
}
