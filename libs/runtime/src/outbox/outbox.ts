import { DataSource, EntityManager } from 'typeorm';
import { MessageBus, OutboundMessage } from '@hub/kafka';

/** Rows sent to Kafka per round; a round is one transaction. */
const RELAY_BATCH = 5000;

/** A message as an outbox row holds it: text key and value, an explicit partition or the key's. */
export type OutboxMessage = Pick<OutboundMessage, 'topic' | 'partition'> & { key?: string | null; value: string };

/**
 * A transactional outbox: a service writes the messages that describe a change in the transaction that stores
 * the change (`append`), and `relay` sends them after commit. A crash before commit loses both; a crash after
 * commit leaves the rows unsent, and the next relay (after the next batch, on a timer, at start) sends them;
 * a crash between send and marking sends them again, which consumers deduplicate (CloudEvent ids, upserts).
 * Relays take turns (an advisory lock per table), so rows go out in the order they were written.
 * Sent rows are deleted: the topic is their record, and a table that kept them would grow with the county
 * (an UPDATE also writes every row's value again).
 * The table: (seq bigserial, topic, partition, message_key, value, created_at, published_at unused).
 */
export class Outbox {
  constructor(
    private readonly db: DataSource,
    private readonly bus: MessageBus,
    private readonly table: string,
  ) {}

  async append(tx: EntityManager, messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.table} (topic, partition, message_key, value)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])`,
      [
        messages.map((m) => m.topic),
        messages.map((m) => m.partition ?? null),
        messages.map((m) => m.key ?? null),
        messages.map((m) => m.value),
      ],
    );
  }

  /** Sends every unsent row, oldest first; returns how many. */
  async relay(): Promise<number> {
    let sent = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.table]);
        const rows: {
          seq: string;
          topic: string;
          partition: number | null;
          message_key: string | null;
          value: string;
        }[] = await tx.query(
          `SELECT seq, topic, partition, message_key, value FROM ${this.table} WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
          [RELAY_BATCH],
        );
        if (rows.length === 0) return 0;
        await this.bus.publish(
          rows.map((r) => ({
            topic: r.topic,
            partition: r.partition ?? undefined,
            key: r.message_key,
            value: r.value,
          })),
        );
        await tx.query(`DELETE FROM ${this.table} WHERE seq = ANY($1)`, [rows.map((r) => r.seq)]);
        return rows.length;
      });
      sent += n;
      if (n < RELAY_BATCH) return sent;
    }
  }
}
