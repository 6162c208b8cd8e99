import { DataSource } from 'typeorm';
import { MessageBus } from '@hub/kafka';
import { hubDataSourceOptions } from '@hub/persistence';
import { TopicNames } from '@hub/topics';
import { FactStore } from '../../apps/detector/src/facts/fact-store';
import { freshDatabase } from './e2e-env';
import { testVault } from './data-keys';
import { linkedEventFeed } from './linked-events';

/**
 * For a describe block testing the detector's fact SQL on a real PostgreSQL: a fresh migrated database (connected in
 * its beforeAll, closed in its afterAll), the FactStore, and linked events to apply, built only, never sent.
 * Read `db` in tests or hooks registered after this call.
 */
export function detectorFactsDatabase(label: string, poolSize: number) {
  const context = {
    db: undefined as unknown as DataSource,
    facts: new FactStore(testVault()),
    feed: linkedEventFeed(new TopicNames(`${label}.`), undefined as unknown as MessageBus),
  };
  beforeAll(async () => {
    context.db = new DataSource(hubDataSourceOptions(await freshDatabase(label), { poolSize, applicationName: label }));
    await context.db.initialize();
  });
  afterAll(() => context.db?.destroy());
  return context;
}
