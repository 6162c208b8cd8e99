import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: block keys are blinded by SipHash-2-4 instead of HMAC-SHA256 (libs/matching `KEY_SCHEME` 5; libs/identity
 * `blindNumber`): a record's keys are hashed at every chunk, and the HMAC was a sixth of the matcher's CPU. The stored
 * numbers of the old hash answer no lookup now, so they go, and every record is marked unkeyed: the matcher keys them
 * again from their sealed identities before it links (`rekeyRecords`, with progress lines).
 */
export class SipHashBlockKeys1766100000000 implements MigrationInterface {
  name = 'SipHashBlockKeys1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await unkeyEveryRecord(q);
  }

  async down(q: QueryRunner): Promise<void> {
    // The matcher of before keys them again under its own hash.
    await unkeyEveryRecord(q);
  }
}

async function unkeyEveryRecord(q: QueryRunner): Promise<void> {
  await q.query(`TRUNCATE record_block_key`);
  await q.query(`UPDATE person_record SET key_scheme = NULL WHERE key_scheme IS NOT NULL`);
}
