import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: a record whose trusted ID number carries another birth date than the one its department sent is keyed
 * under both dates (libs/matching `KEY_SCHEME` 4), so a record without ID number of the other date meets it. Which
 * records those are only their sealed identities tell, so every record with an ID number is marked unkeyed and the
 * matcher adds its keys before it links (`rekeyRecords`, with progress lines; keys are only added). A record without
 * one has the same keys as before and keeps its scheme number, which no code reads but the unkeyed mark.
 */
export class IdBirthDateKeys1765800000000 implements MigrationInterface {
  name = 'IdBirthDateKeys1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE person_record SET key_scheme = NULL WHERE id_hash IS NOT NULL AND key_scheme IS NOT NULL`);
  }

  async down(): Promise<void> {
    // Keys of scheme 4 are a superset of scheme 3's: a matcher of scheme 3 reads them as it reads its own.
  }
}
