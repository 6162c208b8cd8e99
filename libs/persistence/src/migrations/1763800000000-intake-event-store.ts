import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeEventStore1763800000000 implements MigrationInterface {
  name = 'IntakeEventStore1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE intake_event (
        seq           bigserial PRIMARY KEY,
        source        text        NOT NULL,
        event_id      text        NOT NULL,
        type          text        NOT NULL,
        department    text        NOT NULL,
        region_code   text        NOT NULL,
        event_time    timestamptz NOT NULL,
        topic         text        NOT NULL,
        partition     int         NOT NULL,
        kafka_offset  bigint      NOT NULL,
        received_at   timestamptz NOT NULL DEFAULT now(),
        content_mode  text        NOT NULL,
        quality_flags text[]      NOT NULL DEFAULT '{}',
        data          json        NOT NULL
      )`);
    // The same source+id again is the same event (contract section 2): stored once.
    await q.query(`CREATE UNIQUE INDEX uq_intake_event_source_id ON intake_event (source, event_id)`);
    await q.query(`CREATE INDEX ix_intake_event_department_time ON intake_event (department, event_time)`);
    await q.query(`
      CREATE FUNCTION intake_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'intake_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER intake_event_append_only BEFORE UPDATE OR DELETE ON intake_event
      FOR EACH ROW EXECUTE FUNCTION intake_event_append_only()`);
    await q.query(`
      CREATE TRIGGER intake_event_no_truncate BEFORE TRUNCATE ON intake_event
      FOR EACH STATEMENT EXECUTE FUNCTION intake_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intake_event`);
    await q.query(`DROP FUNCTION intake_event_append_only()`);
  }
}
