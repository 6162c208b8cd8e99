import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRights } from '../service-roles';

/**
 * Fingerprints of the keys this database's personal data is sealed and hashed under (issue 12). A service given
 * other keys under the same ids (a lost key file made anew) would find no one by hash and open nothing: every
 * service compares its keys with these at start and refuses, naming the key, instead.
 */
export class DataKeyCheck1765340000000 implements MigrationInterface {
  name = 'DataKeyCheck1765340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE data_key_check (kind text NOT NULL, key_id text NOT NULL, fingerprint text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (kind, key_id))`,
    );
    await grantServiceRights((sql, parameters) => q.query(sql, parameters));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_key_check`);
  }
}
