import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed log-ins by source address, for the admin's per-address lock-out (issue 12), without reading the whole audit log. */
export class LoginByAddress1765100000000 implements MigrationInterface {
  name = 'LoginByAddress1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_audit_log_failed_login_ip ON audit_log (ip, at) WHERE action = 'auth.login.failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_log_failed_login_ip`);
  }
}
