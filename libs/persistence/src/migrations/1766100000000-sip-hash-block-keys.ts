import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_ROLES, serviceApplicationName } from '../service-roles';

/**
 * Issue 11: block keys are blinded by SipHash-2-4 instead of HMAC-SHA256 (libs/matching `KEY_SCHEME` 5; libs/identity
 * `blindNumber`): a record's keys are hashed at every chunk, and the HMAC was a sixth of the matcher's CPU. The stored
 * numbers of the old hash answer no lookup now, so they go, and every record is marked unkeyed: the matcher keys them
 * again from their sealed identities before it links (`rekeyRecords`, with progress lines).
 *
 * A matcher of the version before, still running, would look candidates up under numbers that are gone (making new
 * persons of known people) and write numbers no new matcher finds, marked as keyed: so the migration refuses to run
 * while any matcher is connected, and says so. Upgrade with the matchers stopped (scaled to 0); they key the county
 * again when they start (at 3,271 records a second measured for scheme 4, a million persons in about five minutes).
 */
export class SipHashBlockKeys1766100000000 implements MigrationInterface {
  name = 'SipHashBlockKeys1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await refuseWhileMatchersRun(q);
    await unkeyEveryRecord(q);
  }

  async down(q: QueryRunner): Promise<void> {
    // The matcher of before keys them again under its own hash.
    await refuseWhileMatchersRun(q);
    await unkeyEveryRecord(q);
  }
}

/**
 * A matcher's sessions by its application name (services sharing one database login) or by its own login (service
 * roles: another login's application name is hidden from the schema's owner, its login name is not).
 */
async function refuseWhileMatchersRun(q: QueryRunner): Promise<void> {
  const [{ sessions }] = (await q.query(
    `SELECT count(*)::int AS sessions FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()
       AND (application_name = $1 OR usename = $2)`,
    [serviceApplicationName('matcher'), SERVICE_ROLES.matcher],
  )) as { sessions: number }[];
  if (sessions > 0)
    throw new Error(
      `SipHashBlockKeys: ${sessions} session(s) of a running matcher on this database. Block keys change their hash ` +
        'in this version and every record is keyed again: stop every matcher (scale it to 0), run the migration, ' +
        'then start the new matchers (they key the records again at start, with progress lines).',
    );
}

async function unkeyEveryRecord(q: QueryRunner): Promise<void> {
  await q.query(`TRUNCATE record_block_key`);
  await q.query(`UPDATE person_record SET key_scheme = NULL WHERE key_scheme IS NOT NULL`);
}
