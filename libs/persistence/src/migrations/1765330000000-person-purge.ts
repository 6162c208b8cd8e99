import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_ROLES } from '../service-roles';

/**
 * The purge of a person's data where the law requires it (issue 12). The event store stays append-only for
 * everyone, with one way out: `purge_intake_events`, run as the table's owner, deletes the events of the
 * department records given by their keyed hash (`record_hash`, written with each event since this version)
 * and nothing else; events stored before record hashes, by the person id in their clear payload. The intake role
 * may call it; no service role may DELETE. It runs as the owner, so it names every object by its schema and puts
 * the caller's temporary schema last (a temporary `intake_event` with a trigger must not run as the owner), and
 * the service roles get no temporary tables in this database.
 */
export class PersonPurge1765330000000 implements MigrationInterface {
  name = 'PersonPurge1765330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake_event ADD COLUMN record_hash text`);
    await q.query(
      `CREATE INDEX ix_intake_event_record_hash ON intake_event (record_hash) WHERE record_hash IS NOT NULL`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION intake_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Set only inside purge_intake_events, for its own transaction.
        IF TG_OP = 'DELETE' AND current_setting('assist_hub.purging_events', true) = 'on' THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'intake_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE FUNCTION public.purge_intake_events(record_hashes text[], sources text[], source_person_ids text[]) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE purged bigint;
      BEGIN
        PERFORM pg_catalog.set_config('assist_hub.purging_events', 'on', true);
        DELETE FROM public.intake_event e
        WHERE e.record_hash = ANY(record_hashes)
           OR (e.record_hash IS NULL AND e.data IS NOT NULL
               AND (e.source, e.data->'person'->>'sourcePersonId') IN (SELECT * FROM unnest(sources, source_person_ids)));
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM pg_catalog.set_config('assist_hub.purging_events', 'off', true);
        RETURN purged;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION public.purge_intake_events(text[], text[], text[]) FROM PUBLIC`);
    await q.query(
      `GRANT EXECUTE ON FUNCTION public.purge_intake_events(text[], text[], text[]) TO ${SERVICE_ROLES.intake}`,
    );
    await q.query(
      `DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database()); END $$`);
    await q.query(`DROP FUNCTION public.purge_intake_events(text[], text[], text[])`);
    await q.query(`
      CREATE OR REPLACE FUNCTION intake_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'intake_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`DROP INDEX ix_intake_event_record_hash`);
    await q.query(`ALTER TABLE intake_event DROP COLUMN record_hash`);
  }
}
