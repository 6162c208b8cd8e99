import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataVault, lookupHash, normalizeName, parseIdNumber } from '@hub/identity';
import { recordsOfPersons } from '../record-view';
import { PersonView } from '@hub/views';

export type { PersonView };

const ID_LIKE = /^[0-9０-９\s-]{14,}[0-9xXｘＸ]?$/;
const MAX_PERSONS = 50;

/** Who the hub knows: persons found by ID number or normalised name, with every department record. */
@Injectable()
export class PersonDirectory {
  constructor(
    private readonly db: DataSource,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  /**
   * An ID number (any form a department sends: 15 digits, full-width, spaces, lower-case x) finds the
   * person that claimed its first 17 digits and any record carrying it; otherwise the text is a name,
   * matched exactly after normalisation (traditional characters, minority separators).
   */
  async search(text: string): Promise<PersonView[]> {
    const q = text.trim();
    let personIds: string[];
    if (ID_LIKE.test(q)) {
      const id = parseIdNumber(q);
      const rows: { person_id: string }[] = await this.db.query(
        `SELECT person_id FROM person_id_number WHERE id_first17 = $1
         UNION SELECT person_id FROM person_record WHERE id_hash = $2`,
        [lookupHash.idFirst17(this.vault, id.normalized.slice(0, 17)), lookupHash.idNumber(this.vault, id.normalized)],
      );
      personIds = rows.map((r) => r.person_id);
    } else {
      const rows: { person_id: string }[] = await this.db.query(
        `SELECT DISTINCT person_id FROM person_record WHERE name_hash = $1 LIMIT ${MAX_PERSONS}`,
        [lookupHash.name(this.vault, normalizeName(q).normalized)],
      );
      personIds = rows.map((r) => r.person_id);
    }
    return this.persons(personIds);
  }

  async person(personId: string): Promise<PersonView> {
    const [found] = await this.persons([personId]);
    if (!found) throw new NotFoundException(`no person ${personId}`);
    return found;
  }

  private async persons(ids: string[]): Promise<PersonView[]> {
    if (ids.length === 0) return [];
    const persons: { person_id: string; household_id: string | null; merged: string[] | null }[] = await this.db.query(
      `SELECT p.person_id, p.household_id, (SELECT array_agg(m.person_id ORDER BY m.person_id) FROM person m WHERE m.merged_into = p.person_id) AS merged
       FROM person p WHERE p.person_id IN (SELECT coalesce(x.merged_into, x.person_id) FROM person x WHERE x.person_id = ANY($1))
       ORDER BY p.person_id`,
      [ids],
    );
    const records = await recordsOfPersons(
      this.db.manager,
      this.vault,
      persons.map((p) => p.person_id),
    );
    return persons.map((p) => ({
      personId: p.person_id,
      householdId: p.household_id,
      mergedIds: p.merged ?? [],
      records: records.filter((r) => r.personId === p.person_id),
    }));
  }
}
