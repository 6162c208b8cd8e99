import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRights } from '../service-roles';

/**
 * Issue 11: the block key table was the matcher's largest and costliest (at a million persons 6.6M rows, 1.4 GB with
 * its primary key, more than PostgreSQL's buffers; looking candidates up and storing keys were 15 of PostgreSQL's 26
 * CPU seconds in bench:match). A key is now a 64-bit number (the keyed hash cut to 8 bytes) and a record its number
 * (person_record.record_id) instead of text source and id: index entries a third as wide, compared as integers.
 * The keys themselves cannot be computed in SQL (the identities are sealed and the hashes keyed), so every record is
 * marked unkeyed (key_scheme NULL) and the matcher keys it again from its identity before it links (`rekeyRecords`,
 * with progress lines); the old table goes. Keys still in clear (before sealing) go with it: none is written again.
 */
export class RecordBlockKeys1765700000000 implements MigrationInterface {
  name = 'RecordBlockKeys1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_record ADD COLUMN record_id bigserial`);
    await q.query(`CREATE UNIQUE INDEX ux_person_record_record_id ON person_record (record_id)`);
    await q.query(`
      CREATE TABLE record_block_key (
        block_key  bigint NOT NULL,
        record_id  bigint NOT NULL,
        -- The transaction that stored the key: a second look reads only what was stored beyond its chunk's snapshot.
        linked_xid xid8   NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (block_key, record_id)
      )`);
    await q.query(`CREATE INDEX ix_record_block_key_linked_xid ON record_block_key (linked_xid)`);
    await q.query(`UPDATE person_record SET key_scheme = NULL WHERE key_scheme IS NOT NULL`);
    await q.query(`DROP TABLE person_block_key`);
    await grantServiceRights((sql, parameters) => q.query(sql, parameters));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_block_key (
        block_key        text NOT NULL,
        source           text NOT NULL,
        source_person_id text NOT NULL,
        linked_xid       xid8 DEFAULT pg_current_xact_id(),
        PRIMARY KEY (block_key, source, source_person_id)
      )`);
    await q.query(`CREATE INDEX ix_person_block_key_linked_xid ON person_block_key (linked_xid)`);
    await q.query(`UPDATE person_record SET key_scheme = NULL WHERE key_scheme IS NOT NULL`);
    await q.query(`DROP TABLE record_block_key`);
    await q.query(`ALTER TABLE person_record DROP COLUMN record_id`);
  }
}
