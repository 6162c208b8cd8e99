import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin service's copy of intake.dead-letter (issue #5, dead letters page) and the replays made
 * from it. Written by the admin service only: its dead-letter consumer stores each message before
 * committing its offset, so the list can be filtered by department and code without reading the topic.
 */
export class AdminDeadLetters1764310000000 implements MigrationInterface {
  name = 'AdminDeadLetters1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_dead_letter (
        id               bigserial PRIMARY KEY,
        -- Where the dead letter sits on intake.dead-letter: a redelivered batch is stored once.
        topic            text        NOT NULL,
        partition        int         NOT NULL,
        "offset"         bigint      NOT NULL,
        -- Where the rejected input sat (x-source-* headers), and its department (from the topic name).
        source_topic     text,
        source_partition int,
        source_offset    bigint,
        department       text,
        error_code       text        NOT NULL,
        error_detail     text,
        -- The input unchanged, for replay: key and value bytes, headers as [name, base64] pairs.
        message_key      bytea,
        message_value    bytea,
        headers          jsonb       NOT NULL DEFAULT '[]',
        published_at     timestamptz,
        stored_at        timestamptz NOT NULL DEFAULT now(),
        -- Set when this dead letter is a replay that failed again (x-hub-replay-of header).
        replay_of        bigint
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_admin_dead_letter_position ON admin_dead_letter (topic, partition, "offset")`,
    );
    await q.query(
      `CREATE INDEX ix_admin_dead_letter_department_code ON admin_dead_letter (department, error_code, id)`,
    );
    await q.query(
      `CREATE INDEX ix_admin_dead_letter_replay_of ON admin_dead_letter (replay_of) WHERE replay_of IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE admin_dead_letter_replay (
        id             bigserial PRIMARY KEY,
        dead_letter_id bigint      NOT NULL REFERENCES admin_dead_letter (id),
        replayed_at    timestamptz NOT NULL,
        username       text        NOT NULL,
        role           text,
        -- true when replayed with every other dead letter of its department and code.
        bulk           boolean     NOT NULL,
        target_topic   text        NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_admin_dead_letter_replay_letter ON admin_dead_letter_replay (dead_letter_id, replayed_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admin_dead_letter_replay`);
    await q.query(`DROP TABLE admin_dead_letter`);
  }
}
