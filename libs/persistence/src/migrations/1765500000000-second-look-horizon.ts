import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: the matcher's second look compares a record it made NEW only with what its chunk could not see. Each
 * block key row carries the transaction that last wrote it (`linked_xid`); a chunk keeps the snapshot its candidates
 * were read in, and after commit asks which of its new records' keys were written by a transaction invisible to that
 * snapshot. Only those records are compared again (before: every new record, through the whole candidate query).
 * Rows written before this migration have no xid: they were committed long before any chunk running after it.
 * The column is added without a default first, so the table is not rewritten; the default applies to new rows.
 * The index covers recent writes: the question is asked of a few seconds' rows, whatever the population.
 */
export class SecondLookHorizon1765500000000 implements MigrationInterface {
  name = 'SecondLookHorizon1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_block_key ADD COLUMN linked_xid xid8`);
    await q.query(`ALTER TABLE person_block_key ALTER COLUMN linked_xid SET DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX ix_person_block_key_linked_xid ON person_block_key (linked_xid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_person_block_key_linked_xid`);
    await q.query(`ALTER TABLE person_block_key DROP COLUMN linked_xid`);
  }
}
