import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_ROLES, grantServiceRights } from '../service-roles';

/** One database role per service with the rights on its own tables only; the audit log INSERT-only (issue 12). */
export class ServiceRoles1765200000000 implements MigrationInterface {
  name = 'ServiceRoles1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await grantServiceRights((sql, parameters) => q.query(sql, parameters));
  }

  async down(q: QueryRunner): Promise<void> {
    // The roles stay: other databases on the server may use them. Their rights here go.
    for (const role of Object.values(SERVICE_ROLES)) {
      await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
      await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
      await q.query(`REVOKE USAGE ON SCHEMA public FROM ${role}`);
    }
  }
}
