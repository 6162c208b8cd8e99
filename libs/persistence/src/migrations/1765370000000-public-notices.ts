import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 公示 (contract section 8, issue 14): a grant's village or township (`villageCode`, 12-digit 统计用区划代码) and the
 * department's own notice period, when it sent one; the notice lists are read per area and month by notice start.
 */
export class PublicNotices1765370000000 implements MigrationInterface {
  name = 'PublicNotices1765370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE detector_benefit ADD COLUMN village_code text, ADD COLUMN notice_start date, ADD COLUMN notice_end date`,
    );
    // 四公布 of an emergency application: its reason is noticed with the verification, the decision and the amount.
    await q.query(`ALTER TABLE detector_application ADD COLUMN reason text`);
    // The lists are read by program and month of the grant (notice start): a county's month of noticed programs.
    await q.query(`CREATE INDEX ix_detector_benefit_program_granted ON detector_benefit (program, granted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_detector_benefit_program_granted`);
    await q.query(`ALTER TABLE detector_application DROP COLUMN reason`);
    await q.query(
      `ALTER TABLE detector_benefit DROP COLUMN village_code, DROP COLUMN notice_start, DROP COLUMN notice_end`,
    );
  }
}
