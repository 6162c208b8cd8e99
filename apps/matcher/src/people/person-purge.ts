import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { retryWhileInfrastructureDown } from '@hub/runtime';
import { PersonPurged } from '@hub/views';
import { PersonStore } from '../person-store';

/**
 * A person's purge in the matcher (issue 12), asked by the admin service after intake and the detector
 * deleted theirs: records, identities, keys, claims and review pairs go in one transaction; the name counts
 * that weighed them are taken back after. Asked again, it finds nothing and deletes nothing.
 */
@Injectable()
export class PersonPurge {
  constructor(
    private readonly db: DataSource,
    private readonly store: PersonStore,
  ) {}

  async purge(personId: string): Promise<PersonPurged> {
    const purged = await this.db.transaction(async (tx) => {
      await this.store.lockMerges(tx);
      return this.store.purgePerson(tx, personId);
    });
    await retryWhileInfrastructureDown(() => this.store.addNameCounts(this.db.manager, purged.nameDeltas));
    return { records: purged.records, persons: purged.persons };
  }
}
