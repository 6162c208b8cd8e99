import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records a service could not process because of their own content (issue 10, item 3): isolated from
 * their batch, kept here with a code, so the partition goes on. One row per record and service; a
 * redelivered batch adds nothing. `record` is json, not jsonb, so any record received can be kept.
 */
export class Quarantine1764900000000 implements MigrationInterface {
  name = 'Quarantine1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quarantined_record (
        id              bigserial   PRIMARY KEY,
        service         text        NOT NULL,
        input_topic     text        NOT NULL,
        input_partition int         NOT NULL,
        input_offset    bigint      NOT NULL,
        record_key      text        NOT NULL,
        code            text        NOT NULL,
        detail          text        NOT NULL,
        record          json,
        at              timestamptz NOT NULL DEFAULT now(),
        UNIQUE (service, input_topic, input_partition, input_offset, record_key)
      )`);
    await q.query(`CREATE INDEX quarantined_record_service_at ON quarantined_record (service, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quarantined_record`);
  }
}
