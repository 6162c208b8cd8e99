import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store's payloads (names, ID numbers, phones, addresses) encrypted at rest (issue 12): sealed with
 * AES-256-GCM (`key_id` beside it, the event's source and id as associated data). The store is append-only,
 * so rows keep the key they were written under: a rotated-out key is retired for sealing, kept for opening.
 */
export class SealedEvents1765310000000 implements MigrationInterface {
  name = 'SealedEvents1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake_event ALTER COLUMN data DROP NOT NULL`);
    await q.query(`ALTER TABLE intake_event ADD COLUMN data_sealed bytea, ADD COLUMN key_id text`);
    await q.query(
      `ALTER TABLE intake_event ADD CONSTRAINT ck_intake_event_data CHECK (data IS NOT NULL OR (data_sealed IS NOT NULL AND key_id IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake_event DROP CONSTRAINT ck_intake_event_data`);
    await q.query(`ALTER TABLE intake_event DROP COLUMN data_sealed, DROP COLUMN key_id`);
  }
}
