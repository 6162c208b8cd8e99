import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PersonalDataVault, checkDigit, newDataKeys, parseDataKeys, withNewCurrentKey } from '@hub/identity';
import { toMatchIdentity } from '@hub/matching';
import { PersonDirectory } from '../../apps/matcher/src/people/person-directory';
import { RecordLinker } from '../../apps/matcher/src/record-linker';
import { resealPersonalData } from '../../apps/matcher/src/at-rest/personal-data-reseal';
import { assertDataKeysMatch } from '@hub/runtime';
import { freshDatabase, intakeEnv, startMatcher, uniqueName } from '../support/e2e-env';
import { linkAlone } from '../support/link-alone';

const validId = (first17: string) => first17 + checkDigit(first17);

/**
 * Issue 12: personal data in the matcher's tables is sealed and blinded; a key rotation (new current key,
 * data:reseal, old key dropped) and rows an earlier version wrote in clear end up under the current key, and the
 * matcher links and finds people exactly as before.
 */
describe('personal data at rest: key rotation and rows written in clear (issue 12)', () => {
  const keysA = newDataKeys();
  const keysB = withNewCurrentKey(keysA, 'test');
  const onlyB = (() => {
    const spec = JSON.parse(keysB);
    return JSON.stringify({ ...spec, keys: { k2: spec.keys.k2 } });
  })();
  let url: string;
  let env: Record<string, string>;
  let db: Client;
  let matcher: INestApplication | undefined;

  const linda = {
    idType: 'RESIDENT_ID',
    idNumber: validId('33050219880412162'),
    name: '林静怡',
    gender: 'F',
    birthDate: '1988-04-12',
    phone: '13857201234',
  };
  const older = {
    idType: 'RESIDENT_ID',
    idNumber: validId('33050219560730003'),
    name: '郑国栋',
    gender: 'M',
    birthDate: '1956-07-30',
  };

  beforeAll(async () => {
    url = await freshDatabase('atrest');
    env = intakeEnv(`${uniqueName('atrest')}.`, url);
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await matcher?.close();
    await db.end();
  });

  it('links under the first key, takes in a row written in clear, reseals both under a new key, and links and finds them with the old key gone', async () => {
    matcher = await startMatcher({ ...env, HUB_DATA_KEYS: keysA });
    const first = await linkAlone(matcher.get(RecordLinker), '/330502/civil-affairs/dibao', {
      sourcePersonId: 'CA-1',
      ...linda,
    });
    await matcher.close();
    matcher = undefined;

    // As a version before sealing wrote it: identity, claimed ID number and name count in clear (its block keys in
    // clear went with person_block_key; the matcher keys the record again at start, key_scheme NULL).
    const identity = toMatchIdentity(older);
    await db.query(`INSERT INTO person (person_id) VALUES ('P-legacy')`);
    await db.query(
      `INSERT INTO person_record (source, source_person_id, person_id, identity, decision, score, reasons) VALUES ('/330502/civil-affairs/dibao', 'CA-2', 'P-legacy', $1, 'NEW', 0, '[]')`,
      [identity],
    );
    await db.query(`INSERT INTO person_id_number (id_first17, person_id) VALUES ($1, 'P-legacy')`, [
      older.idNumber.slice(0, 17),
    ]);
    await db.query(
      `INSERT INTO name_frequency (name, records) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET records = name_frequency.records + 1`,
      [identity.name.normalized],
    );
    await db.query(`UPDATE name_frequency SET records = records + 1 WHERE name = ''`);

    const owner = new DataSource({ type: 'postgres', url });
    await owner.initialize();
    try {
      const vaultB = new PersonalDataVault(parseDataKeys(keysB, 'keys B'));
      await assertDataKeysMatch(url, new PersonalDataVault(parseDataKeys(keysA, 'keys A')));
      await assertDataKeysMatch(url, vaultB);
      const counts = await resealPersonalData(owner.manager, vaultB);
      expect(counts).toEqual({ identities: 2, idNumbers: 1, names: 1 });
      expect(await resealPersonalData(owner.manager, vaultB)).toEqual({
        identities: 0,
        idNumbers: 0,
        names: 0,
      });
    } finally {
      await owner.destroy();
    }
    const { rows: byKey } = await db.query(
      `SELECT key_id, count(*)::int AS n, count(identity)::int AS clear FROM person_record GROUP BY key_id`,
    );
    expect(byKey).toEqual([{ key_id: 'k2', n: 2, clear: 0 }]);
    const { rows: inClear } = await db.query(
      `SELECT (SELECT count(*) FROM person_id_number WHERE id_first17 NOT LIKE 'b1.%')::int AS numbers,
              (SELECT count(*) FROM name_frequency WHERE name <> '' AND name NOT LIKE 'b1.%')::int AS names`,
    );
    expect(inClear[0]).toEqual({ numbers: 0, names: 0 });

    // The matcher with only the new key: both persons found again, by ID number and without one.
    matcher = await startMatcher({ ...env, HUB_DATA_KEYS: onlyB });
    const linker = matcher.get(RecordLinker);
    const again = await linkAlone(linker, '/330502/health/his', { sourcePersonId: 'H-1', ...linda });
    expect({ decision: again.link?.decision, personId: again.personId }).toEqual({
      decision: 'MATCH',
      personId: first.personId,
    });
    const withoutId = await linkAlone(linker, '/330502/housing/rent', {
      sourcePersonId: 'HO-1',
      idType: 'NONE',
      name: older.name,
      gender: older.gender,
      birthDate: older.birthDate,
    });
    expect({ decision: withoutId.link?.decision, personId: withoutId.personId }).toEqual({
      decision: 'MATCH',
      personId: 'P-legacy',
    });
    const directory = matcher.get(PersonDirectory);
    expect((await directory.search(older.idNumber)).map((p) => p.personId)).toEqual(['P-legacy']);
    const found = await directory.search('林静怡');
    expect(found.map((p) => p.personId)).toEqual([first.personId]);
    expect(found[0].records.map((r) => [r.sourcePersonId, r.idNumber, r.phone])).toEqual([
      ['CA-1', linda.idNumber, linda.phone],
      ['H-1', linda.idNumber, linda.phone],
    ]);
  });

  it('refuses keys that are not the ones the database was written under: a lost key file made anew is named, not used', async () => {
    const vault = (json: string) => new PersonalDataVault(parseDataKeys(json, 'test'));
    // The first test recorded k1 and the blinding key, then k2: the same keys pass, and so does a key set without k1.
    await expect(assertDataKeysMatch(url, vault(keysB))).resolves.toBeUndefined();
    await expect(assertDataKeysMatch(url, vault(onlyB))).resolves.toBeUndefined();
    const fresh = newDataKeys();
    await expect(assertDataKeysMatch(url, vault(fresh))).rejects.toThrow(
      /the blinding key, data key k1: not the key this database's personal data was written under/,
    );
    // Right blinding key, another k1: named alone.
    const otherK1 = JSON.stringify({ ...JSON.parse(keysA), keys: { k1: JSON.parse(fresh).keys.k1 } });
    await expect(assertDataKeysMatch(url, vault(otherK1))).rejects.toThrow(/^data key k1: not the key/);
  });

  it('refuses to start a matcher whose keys are not whole, naming the setting and never a key', async () => {
    await expect(startMatcher({ ...env, HUB_DATA_KEYS: 'not json' })).rejects.toThrow(/HUB_DATA_KEYS is not JSON/);
    const noCurrent = JSON.stringify({ ...JSON.parse(keysA), current: 'k7' });
    await expect(startMatcher({ ...env, HUB_DATA_KEYS: noCurrent })).rejects.toThrow(
      /"current" must name one of the keys \(k1\)/,
    );
  });
});
