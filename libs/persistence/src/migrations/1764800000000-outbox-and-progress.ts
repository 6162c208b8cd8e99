import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exactly-once effects through any crash (issue 10).
 * - `matcher_outbox`: every message that describes a change the matcher stores (a link decision, a merge, a
 *   review pair opened or settled) is written in the transaction that stores the change, and relayed to Kafka
 *   after commit. A redelivered record finds itself "unchanged", so its messages could never be made again.
 * - `matcher_second_look`: records a chunk made NEW whose second look (after commit) has not run yet; a crash
 *   in between leaves them here, and the redelivered chunk looks at them again.
 * - `event_clock.processed_offset`: the last intake offset of the partition whose effects the detector has
 *   stored; with the partition's end offset it says whether anything of it is still on its way.
 */
export class OutboxAndProgress1764800000000 implements MigrationInterface {
  name = 'OutboxAndProgress1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matcher_outbox (
        seq          bigserial   PRIMARY KEY,
        topic        text        NOT NULL,
        partition    int,
        message_key  text,
        value        text        NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_matcher_outbox_pending ON matcher_outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE matcher_second_look (
        source           text NOT NULL,
        source_person_id text NOT NULL,
        PRIMARY KEY (source, source_person_id)
      )`);
    await q.query(`ALTER TABLE event_clock ADD COLUMN processed_offset bigint NOT NULL DEFAULT -1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_clock DROP COLUMN processed_offset`);
    await q.query(`DROP TABLE matcher_second_look`);
    await q.query(`DROP TABLE matcher_outbox`);
  }
}
