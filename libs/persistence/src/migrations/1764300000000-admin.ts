import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin service's tables (issue #5): its users, their sessions, and the audit log. Written by the
 * admin service only. The audit log is append-only like intake_event: a trigger refuses UPDATE, DELETE
 * and TRUNCATE, so not even the admin service can rewrite what a reviewer did.
 */
export class Admin1764300000000 implements MigrationInterface {
  name = 'Admin1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_user (
        id                   bigserial PRIMARY KEY,
        username             text        NOT NULL,
        display_name         text        NOT NULL,
        role                 text        NOT NULL CHECK (role IN ('admin', 'reviewer', 'auditor', 'department')),
        -- Only a department user belongs to a department; it sees that department's feed only.
        department           text,
        -- scrypt with a per-user salt, parameters inside the string (see password-hashing.ts).
        password_hash        text        NOT NULL,
        must_change_password boolean     NOT NULL DEFAULT true,
        disabled             boolean     NOT NULL DEFAULT false,
        created_at           timestamptz NOT NULL DEFAULT now(),
        password_changed_at  timestamptz,
        CONSTRAINT admin_user_department CHECK ((role = 'department') = (department IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_admin_user_username ON admin_user (username)`);
    await q.query(`
      CREATE TABLE admin_session (
        id           bigserial PRIMARY KEY,
        -- SHA-256 of the cookie's random token: a leaked table does not hand out live sessions.
        token_hash   bytea       NOT NULL,
        user_id      bigint      NOT NULL REFERENCES admin_user (id),
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_admin_session_token ON admin_session (token_hash)`);
    await q.query(`CREATE INDEX ix_admin_session_user ON admin_session (user_id)`);
    await q.query(`CREATE INDEX ix_admin_session_expires ON admin_session (expires_at)`);
    await q.query(`
      CREATE TABLE audit_log (
        seq      bigserial PRIMARY KEY,
        at       timestamptz NOT NULL DEFAULT now(),
        -- Who acted: a user name (as typed, for failed log-ins), or "system" for the service itself.
        username text        NOT NULL,
        role     text,
        action   text        NOT NULL,
        target   text,
        detail   jsonb       NOT NULL DEFAULT '{}',
        ip       text
      )`);
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (at)`);
    // Log-in lock-out counts a user's recent failures; auditors filter by user and action.
    await q.query(`CREATE INDEX ix_audit_log_username_at ON audit_log (username, at)`);
    await q.query(`CREATE INDEX ix_audit_log_action_at ON audit_log (action, at)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE admin_session`);
    await q.query(`DROP TABLE admin_user`);
  }
}
