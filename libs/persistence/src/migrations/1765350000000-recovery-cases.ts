import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRights } from '../service-roles';

/**
 * 追回: recovering money paid wrongly (contract section 8, issue 14). The detector's.
 * - `detector_recovery`: every `assist.benefit.recovered.v1`, once per event; one for a grant the hub does not know yet
 *   waits here for it.
 * - `recovery_case`: one per duplicate alert that establishes an overpayment (`case_id` derived from the alert id),
 *   with the amount due, its basis, what was recovered, and a reviewer's waiver; `recovery_case_grant`: how much of
 *   which grant the case claims, so a recovery finds its cases by grant.
 * - `recovery_outbox`: the `cases.recovery` messages, written with the change they describe and relayed after commit.
 */
export class RecoveryCases1765350000000 implements MigrationInterface {
  name = 'RecoveryCases1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detector_recovery (
        source       text        NOT NULL,
        event_id     text        NOT NULL,
        benefit_id   text        NOT NULL,
        amount_fen   bigint      NOT NULL CHECK (amount_fen > 0),
        recovered_at timestamptz NOT NULL,
        reason       text,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, event_id)
      )`);
    await q.query(`CREATE INDEX ix_detector_recovery_grant ON detector_recovery (source, benefit_id)`);
    await q.query(`
      CREATE TABLE recovery_case (
        case_id        text        PRIMARY KEY,
        alert_id       text        NOT NULL UNIQUE,
        rule_id        text        NOT NULL,
        person_id      text,
        department     text        NOT NULL,
        region_code    text,
        amount_due_fen bigint      NOT NULL CHECK (amount_due_fen > 0),
        recovered_fen  bigint      NOT NULL DEFAULT 0,
        status         text        NOT NULL,
        basis          text        NOT NULL,
        opened_at      timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL,
        closed_by      text,
        close_reason   text
      )`);
    await q.query(`CREATE INDEX ix_recovery_case_status ON recovery_case (status, department, region_code)`);
    await q.query(`CREATE INDEX ix_recovery_case_person ON recovery_case (person_id)`);
    await q.query(`
      CREATE TABLE recovery_case_grant (
        case_id    text   NOT NULL REFERENCES recovery_case (case_id),
        source     text   NOT NULL,
        benefit_id text   NOT NULL,
        due_fen    bigint NOT NULL,
        basis      text   NOT NULL,
        PRIMARY KEY (case_id, source, benefit_id)
      )`);
    await q.query(`CREATE INDEX ix_recovery_case_grant_grant ON recovery_case_grant (source, benefit_id)`);
    await q.query(`
      CREATE TABLE recovery_outbox (
        seq          bigserial   PRIMARY KEY,
        topic        text        NOT NULL,
        partition    int,
        message_key  text,
        value        text        NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_recovery_outbox_pending ON recovery_outbox (seq) WHERE published_at IS NULL`);
    await grantServiceRights((sql, parameters) => q.query(sql, parameters));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recovery_outbox`);
    await q.query(`DROP TABLE recovery_case_grant`);
    await q.query(`DROP TABLE recovery_case`);
    await q.query(`DROP TABLE detector_recovery`);
  }
}
