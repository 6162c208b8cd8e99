import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { SipHashBlockKeys1766100000000 } from '../../libs/persistence/src/migrations/1766100000000-sip-hash-block-keys';
import { checkDigit, lookupHash, parseDataKeys } from '@hub/identity';
import { serviceApplicationName } from '@hub/persistence';
import { KEY_SCHEME, recordKeys, toMatchIdentity } from '@hub/matching';
import { RecordLinker } from '../../apps/matcher/src/record-linker';
import { sealIdentity } from '../../apps/matcher/src/at-rest/identity-at-rest';
import { testDataKeys, testVault } from '../support/data-keys';
import { freshDatabase, intakeEnv, startMatcher, uniqueName, waitUntil } from '../support/e2e-env';
import { linkAlone } from '../support/link-alone';

const SOURCE = '/330502/civil-affairs/dibao';

/**
 * Issue 11: a change of block keys (KEY_SCHEME: 2 split name keys by birth date, 3 made them numbers in
 * record_block_key) leaves the records stored before it unkeyed (key_scheme NULL; migration RecordBlockKeys dropped
 * the old key table). The matcher keys them again at start, before it links, so a record of the same person found
 * only by name (no ID number, no phone, a day typed wrong) still meets it.
 */
describe('block key scheme: records stored under an earlier scheme (issue 11)', () => {
  let url: string;
  let db: Client;
  let matcher: INestApplication | undefined;

  beforeAll(async () => {
    url = await freshDatabase('rekey');
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await matcher?.close();
    await db.end();
  });

  it('adds the keys a record stored before lacks when the matcher starts, and then finds the person by name and birth year', async () => {
    const vault = testVault();
    const first17 = '33050219560730003';
    const identity = toMatchIdentity({
      idType: 'RESIDENT_ID',
      idNumber: first17 + checkDigit(first17),
      name: '郑国栋',
      gender: 'M',
      birthDate: '1956-07-30',
      hukouRegion: '330502',
    });
    const today = recordKeys(identity).stored;
    // As the migration leaves a record stored before: sealed, no scheme, no keys.
    await db.query(`INSERT INTO person (person_id) VALUES ('P-earlier')`);
    const sealed = sealIdentity(vault, SOURCE, 'CA-1', identity);
    await db.query(
      `INSERT INTO person_record (source, source_person_id, person_id, identity_sealed, key_id, name_hash, id_hash, decision, score, reasons)
       VALUES ($1, 'CA-1', 'P-earlier', decode($2, 'base64'), $3, $4, $5, 'NEW', 0, '[]')`,
      [SOURCE, sealed.identity_sealed, sealed.key_id, sealed.name_hash, sealed.id_hash],
    );
    const keysOfEarlier = async () =>
      (
        await db.query(
          `SELECT k.block_key FROM record_block_key k JOIN person_record r USING (record_id) WHERE r.source_person_id = 'CA-1'`,
        )
      ).rows
        .map((r) => String(r.block_key))
        .sort();
    expect(await keysOfEarlier()).toEqual([]);

    // The same man at the housing office: no ID number, no phone, the day of his birth typed wrong.
    const housing = {
      sourcePersonId: 'HO-1',
      idType: 'NONE',
      name: '郑国栋',
      gender: 'M',
      birthDate: '1956-07-03',
      hukouRegion: '330502',
    };
    // Found only through its name keys: no ID number or phone to share.
    const probes = recordKeys(toMatchIdentity(housing)).probe;
    expect(probes.filter((k) => today.includes(k)).every((k) => k.startsWith('nr'))).toBe(true);

    matcher = await startMatcher(intakeEnv(`${uniqueName('rekey')}.`, url));
    await waitUntil('the earlier record keyed again', async () => {
      const { rows } = await db.query(`SELECT key_scheme FROM person_record WHERE source_person_id = 'CA-1'`);
      return rows[0].key_scheme === KEY_SCHEME;
    });
    expect(await keysOfEarlier()).toEqual(today.map((k) => lookupHash.blockKey(vault, k)).sort());

    const outcome = await linkAlone(matcher.get(RecordLinker), '/330502/housing/rent', housing);
    expect(outcome.link?.decision).not.toBe('NEW');
    expect(outcome.link?.personId).toBe('P-earlier');
    const { rows: linked } = await db.query(`SELECT key_scheme FROM person_record WHERE source_person_id = 'HO-1'`);
    expect(linked).toEqual([{ key_scheme: KEY_SCHEME }]);
  });
});

/** The blinding key of the services' data keys (deploy/hub.sh's file, or this process's own set). */
function testBlindingKey(): Buffer {
  const keys = testDataKeys();
  const json = keys.HUB_DATA_KEYS ?? readFileSync(keys.HUB_DATA_KEYS_FILE, 'utf8');
  return parseDataKeys(json, 'test data keys').blindingKey;
}

/**
 * Scheme 5 blinds block keys by SipHash-2-4 instead of cutting them from an HMAC: the numbers stored before answer no
 * lookup, so migration SipHashBlockKeys removes them and marks every record unkeyed, and the matcher keys them again.
 */
describe('block keys blinded by SipHash (issue 11, KEY_SCHEME 5)', () => {
  let db: Client;
  let matcher: INestApplication | undefined;

  afterAll(async () => {
    await matcher?.close();
    await db?.end();
  });

  it('removes the numbers of the old hash and keys every record again, then finds the person by name', async () => {
    const url = await freshDatabase('siphash');
    db = new Client({ connectionString: url });
    await db.connect();
    const vault = testVault();
    const identity = toMatchIdentity({
      idType: 'NONE',
      name: '钱淑芬',
      gender: 'F',
      birthDate: '1948-11-02',
      phone: '13905731234',
      hukouRegion: '330502',
    });
    // A record as scheme 4 left it: keyed under numbers cut from the HMAC of its keys under the blinding key.
    await db.query(`INSERT INTO person (person_id) VALUES ('P-before')`);
    const sealed = sealIdentity(vault, SOURCE, 'CA-2', identity);
    const [{ record_id: recordId }] = (
      await db.query(
        `INSERT INTO person_record (source, source_person_id, person_id, identity_sealed, key_id, name_hash, id_hash, decision, score, reasons, key_scheme)
         VALUES ($1, 'CA-2', 'P-before', decode($2, 'base64'), $3, $4, $5, 'NEW', 0, '[]', 4) RETURNING record_id`,
        [SOURCE, sealed.identity_sealed, sealed.key_id, sealed.name_hash, sealed.id_hash],
      )
    ).rows;
    const stored = recordKeys(identity).stored;
    const scheme4Numbers = stored.map((k) =>
      createHmac('sha256', testBlindingKey()).update(k, 'utf8').digest().readBigInt64BE(0).toString(),
    );
    const scheme5Numbers = stored.map((k) => lookupHash.blockKey(vault, k));
    expect(scheme5Numbers.filter((n) => scheme4Numbers.includes(n))).toEqual([]);
    await db.query(`INSERT INTO record_block_key (block_key, record_id) SELECT unnest($1::bigint[]), $2`, [
      scheme4Numbers,
      recordId,
    ]);

    // A matcher of before still connected: the migration refuses, naming what to do, and changes nothing.
    const runner = { query: (sql: string, parameters?: unknown[]) => db.query(sql, parameters).then((r) => r.rows) };
    const migration = new SipHashBlockKeys1766100000000();
    const oldMatcher = new Client({ connectionString: url, application_name: serviceApplicationName('matcher') });
    await oldMatcher.connect();
    try {
      await expect(migration.up(runner as unknown as QueryRunner)).rejects.toThrow(/running matcher.*scale it to 0/s);
    } finally {
      await oldMatcher.end();
    }
    const { rows: untouched } = await db.query(`SELECT count(*)::int AS n FROM record_block_key WHERE record_id = $1`, [
      recordId,
    ]);
    expect(untouched[0].n).toBe(stored.length);

    // The matchers stopped: the old numbers go, every record is unkeyed, and the new matcher keys it again at start.
    await waitUntil('the old matcher gone', async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [serviceApplicationName('matcher')],
      );
      return rows[0].n === 0;
    });
    await migration.up(runner as unknown as QueryRunner);
    matcher = await startMatcher(intakeEnv(`${uniqueName('siphash')}.`, url));
    await waitUntil('the record keyed again', async () => {
      const { rows } = await db.query(`SELECT key_scheme FROM person_record WHERE source_person_id = 'CA-2'`);
      return rows[0].key_scheme === KEY_SCHEME;
    });
    const { rows: keyed } = await db.query(`SELECT block_key FROM record_block_key WHERE record_id = $1`, [recordId]);
    expect(keyed.map((r) => String(r.block_key)).sort()).toEqual([...scheme5Numbers].sort());

    // The same woman at the charity: her phone changed, her name and birth date the same.
    const outcome = await linkAlone(matcher.get(RecordLinker), '/330502/charity/C001', {
      sourcePersonId: 'CH-2',
      idType: 'NONE',
      name: '钱淑芬',
      gender: 'F',
      birthDate: '1948-11-02',
      phone: '13905739999',
      hukouRegion: '330502',
    });
    expect(outcome.link?.personId).toBe('P-before');
  });
});
