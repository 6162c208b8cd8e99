import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rows that keep a rejected or isolated input whole, sealed (issue 12). The admin's copy of dead letters keeps the rejected input for replay, personal data included: its value is
 * sealed at rest now (issue 12; AES-256-GCM, `key_id` beside it, the dead letter's position as associated data).
 */
export class SealedDeadLetters1765320000000 implements MigrationInterface {
  name = 'SealedDeadLetters1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admin_dead_letter ADD COLUMN value_sealed bytea, ADD COLUMN key_id text`);
    // Likewise a quarantined record (its person and payload), bound to its service and place in the input.
    await q.query(`ALTER TABLE quarantined_record ADD COLUMN record_sealed bytea, ADD COLUMN key_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quarantined_record DROP COLUMN record_sealed, DROP COLUMN key_id`);
    await q.query(`ALTER TABLE admin_dead_letter DROP COLUMN value_sealed, DROP COLUMN key_id`);
  }
}
