import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRights } from '../service-roles';

/**
 * 一门受理、协同办理: referrals between departments (contract v1.1, section 8). The detector's.
 * `detector_referral`: one row per referral, the application (the referring source, the township window's, and its
 * applicationId, as in detector_application) and the department asked. `assist.application.referred.v1` fills the
 * referral, the asked department's `assist.application.decided.v1` naming it (`referral`) fills the decision, in
 * whichever order they arrive. A referral names no person: it is read under its application, so it waits for the
 * application's receipt and follows its person through merges and a reviewer's relinks.
 */
export class Referrals1765400000000 implements MigrationInterface {
  name = 'Referrals1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detector_referral (
        source         text        NOT NULL,
        application_id text        NOT NULL,
        to_department  text        NOT NULL,
        need           text,
        referred_at    timestamptz,
        evidence       jsonb,
        decided_at     timestamptz,
        decision       text,
        decided_by     text,
        PRIMARY KEY (source, application_id, to_department)
      )`);
    await grantServiceRights((sql, parameters) => q.query(sql, parameters));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detector_referral`);
  }
}
