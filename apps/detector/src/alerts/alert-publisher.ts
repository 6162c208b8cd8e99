import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';

const PUBLISH_BATCH = 5000;

/**
 * Sends alert history rows to Kafka after the transaction that wrote them committed (the outbox): a
 * crash between commit and send only delays them, and a crash between send and marking sends them
 * again (consumers dedupe on alertId and type). Detector instances take turns (an advisory lock), so
 * rows go out in the order they were written: with rows merely skipped when locked, a second instance
 * could send an alert's resolution before the instance holding its raise had sent that.
 */
@Injectable()
export class AlertPublisher {
  constructor(
    private readonly db: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async publishPending(): Promise<number> {
    let sent = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('alert_history'))`);
        const rows: { seq: string; topic: string; alert_id: string; cloud_event: string }[] = await tx.query(
          'SELECT seq, topic, alert_id, cloud_event::text AS cloud_event FROM alert_history WHERE published_at IS NULL ORDER BY seq LIMIT $1',
          [PUBLISH_BATCH],
        );
        if (rows.length === 0) return 0;
        // Keyed by alert id: an alert's raise and its resolution stay in order on one partition.
        await this.bus.publish(rows.map((r) => ({ topic: r.topic, key: r.alert_id, value: r.cloud_event })));
        await tx.query('UPDATE alert_history SET published_at = now() WHERE seq = ANY($1)', [rows.map((r) => r.seq)]);
        return rows.length;
      });
      sent += n;
      if (n < PUBLISH_BATCH) return sent;
    }
  }
}
