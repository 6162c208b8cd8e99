import { InboundMessage, MessageBus } from '@hub/kafka';
import { uniqueName } from './e2e-env';

/**
 * Every message a topic holds now: read from the beginning by a group of its own up to the end offsets
 * taken before reading. Throws when the end is not reached in time (a partial read would pass for a
 * run that lost outputs).
 */
export async function readWholeTopic(bus: MessageBus, topic: string, timeoutMs = 90_000): Promise<InboundMessage[]> {
  const ends = new Map(
    (await bus.topicOffsets(topic))
      .filter((o) => BigInt(o.high) > BigInt(o.low))
      .map((o) => [o.partition, BigInt(o.high) - 1n]),
  );
  if (ends.size === 0) return [];
  const messages: InboundMessage[] = [];
  const reached = new Set<number>();
  // A rebalance can hand a partition's messages over twice; each position counts once.
  const positions = new Set<string>();
  let done!: () => void;
  const complete = new Promise<void>((resolve) => (done = resolve));
  const consumer = await bus.consume(
    { groupId: uniqueName('fault-reader'), topics: [topic], partitionConcurrency: 6, fromBeginning: true },
    async (batch) => {
      const last = ends.get(batch.partition);
      for (const m of batch.messages) {
        const position = `${m.partition}:${m.offset}`;
        if (last === undefined || BigInt(m.offset) > last || positions.has(position)) continue;
        positions.add(position);
        messages.push(m);
      }
      const top = batch.messages.length ? BigInt(batch.messages[batch.messages.length - 1].offset) : -1n;
      if (last !== undefined && top >= last) reached.add(batch.partition);
      if (reached.size === ends.size) done();
    },
  );
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      complete,
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(
            () =>
              reject(
                new Error(
                  `reading ${topic}: ${reached.size} of ${ends.size} partitions read to their end within ${timeoutMs} ms`,
                ),
              ),
            timeoutMs,
          )),
      ),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.stop();
  }
  return messages;
}
