import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The detector's tables (issue #4): the unified assistance account (统一救助账户) as facts per person,
 * event time per intake topic, and alerts with their history. Written by the detector only; the
 * admin service (issue #5) reads them and records dismissals through the detector.
 */
export class Detector1764200000000 implements MigrationInterface {
  name = 'Detector1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // The detector's own view of who is who, learnt from hub.events.linked (never the matcher's tables).
    await q.query(`
      CREATE TABLE detector_person (
        person_id    text PRIMARY KEY,
        household_id text,
        -- The role the department gave the person in the household (HEAD, SPOUSE, CHILD, …), if any.
        household_role text,
        -- 'civil-affairs' when civil affairs placed the person (as the matcher decided): others cannot move them.
        household_placed_by text,
        -- Masked name and ID number (contract section 6 subject); the full ones are never stored here.
        subject      jsonb NOT NULL,
        id_first17   text,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ix_detector_person_household ON detector_person (household_id) WHERE household_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_detector_person_id ON detector_person (id_first17) WHERE id_first17 IS NOT NULL`);
    await q.query(`CREATE TABLE detector_person_redirect (merged_id text PRIMARY KEY, survivor_id text NOT NULL)`);
    await q.query(`
      CREATE TABLE detector_source_person (
        source text NOT NULL, source_person_id text NOT NULL, person_id text NOT NULL,
        PRIMARY KEY (source, source_person_id)
      )`);
    // One row per grant: the latest correction, and the revocation, whichever arrives first.
    await q.query(`
      CREATE TABLE detector_benefit (
        source       text NOT NULL,
        benefit_id   text NOT NULL,
        person_id    text,
        program      text,
        amount_fen   bigint,
        period_start date,
        period_end   date,
        cause_kind   text,
        cause_ref    text,
        region_code  text,
        granted_at   timestamptz,
        evidence     jsonb,
        revoked_from date,
        revocation   jsonb,
        PRIMARY KEY (source, benefit_id)
      )`);
    await q.query(`CREATE INDEX ix_detector_benefit_person ON detector_benefit (person_id)`);
    await q.query(`
      CREATE TABLE detector_status (
        source      text NOT NULL,
        status_id   text NOT NULL,
        person_id   text,
        status      text,
        valid_from  date,
        valid_to    date,
        ended_to    date,
        attributes  jsonb,
        asserted_at timestamptz,
        evidence    jsonb,
        PRIMARY KEY (source, status_id)
      )`);
    await q.query(`CREATE INDEX ix_detector_status_person ON detector_status (person_id)`);
    await q.query(`
      CREATE TABLE detector_application (
        source         text NOT NULL,
        application_id text NOT NULL,
        person_id      text,
        program        text,
        channel        text,
        received_at    timestamptz,
        verified_at    timestamptz,
        decided_at     timestamptz,
        decision       text,
        evidence       jsonb,
        PRIMARY KEY (source, application_id)
      )`);
    await q.query(`CREATE INDEX ix_detector_application_person ON detector_application (person_id)`);
    // Event time (contract section 7): per intake topic and partition, the latest event time and when
    // it was last heard from. Partition by partition, because a topic's partitions travel through the
    // hub at their own pace: the fastest one's time would close windows the slowest still has facts for.
    await q.query(`
      CREATE TABLE event_clock (
        topic text NOT NULL, partition int NOT NULL, event_time timestamptz NOT NULL, last_seen_at timestamptz NOT NULL,
        PRIMARY KEY (topic, partition)
      )`);
    // Omission windows still open: the household is evaluated again once event time passes due_at.
    await q.query(`
      CREATE TABLE detector_due (
        household_key text NOT NULL, alert_id text NOT NULL, due_at timestamptz NOT NULL,
        PRIMARY KEY (household_key, alert_id)
      )`);
    await q.query(`CREATE INDEX ix_detector_due_at ON detector_due (due_at)`);
    await q.query(`
      CREATE TABLE alert (
        alert_id      text PRIMARY KEY,
        kind          text NOT NULL,
        rule_id       text NOT NULL,
        severity      text NOT NULL,
        person_id     text,
        household_id  text,
        household_key text NOT NULL,
        region_code   text,
        -- OPEN, FULFILLED, RETRACTED or DISMISSED.
        status        text NOT NULL,
        -- The data of the assist.alert.raised.v1 event as published.
        raised        jsonb NOT NULL,
        detected_at   timestamptz NOT NULL,
        raised_at     timestamptz NOT NULL DEFAULT now(),
        resolution    text,
        resolved_at   timestamptz,
        reason        text
      )`);
    await q.query(`CREATE INDEX ix_alert_household ON alert (household_key)`);
    await q.query(`CREATE INDEX ix_alert_rule_status ON alert (rule_id, status)`);
    // Every change of every alert, in order; also the outbox: rows are published to Kafka after commit.
    await q.query(`
      CREATE TABLE alert_history (
        seq          bigserial PRIMARY KEY,
        alert_id     text NOT NULL REFERENCES alert (alert_id),
        change       text NOT NULL,
        topic        text NOT NULL,
        cloud_event  jsonb NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_alert_history_alert ON alert_history (alert_id)`);
    await q.query(`CREATE INDEX ix_alert_history_unpublished ON alert_history (seq) WHERE published_at IS NULL`);
    // History is evidence for auditors: only the publication time may ever be filled in.
    await q.query(`
      CREATE FUNCTION alert_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.seq = OLD.seq AND NEW.alert_id = OLD.alert_id AND NEW.change = OLD.change
           AND NEW.topic = OLD.topic AND NEW.cloud_event = OLD.cloud_event AND NEW.recorded_at = OLD.recorded_at
           AND OLD.published_at IS NULL THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'alert_history is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(
      `CREATE TRIGGER alert_history_append_only BEFORE UPDATE OR DELETE ON alert_history FOR EACH ROW EXECUTE FUNCTION alert_history_guard()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'alert_history',
      'alert',
      'detector_due',
      'event_clock',
      'detector_application',
      'detector_status',
      'detector_benefit',
      'detector_source_person',
      'detector_person_redirect',
      'detector_person',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION alert_history_guard()`);
  }
}
