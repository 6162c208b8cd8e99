import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hubDataSourceOptions } from './data-source-options';

/** Creates the database named in the URL when the server lacks it (fresh embedded server, test runs). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Runs pending migrations; returns the names of those it ran. */
export async function migrate(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const ds = new DataSource(hubDataSourceOptions(url, { poolSize: 1, applicationName: 'assist-hub-migrate' }));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Services refuse to start on an old schema instead of failing on the first query. */
export async function assertSchemaCurrent(url: string): Promise<void> {
  const ds = new DataSource(hubDataSourceOptions(url, { poolSize: 1, applicationName: 'assist-hub-schema-check' }));
  await ds.initialize();
  try {
    if (await ds.showMigrations()) {
      const applied = new Set((await ds.query<{ name: string }[]>('SELECT name FROM migrations')).map((m) => m.name));
      const pending = ds.migrations.map((m) => m.name).filter((name): name is string => !!name && !applied.has(name));
      throw new Error(
        `the database schema is behind this version (waiting for ${pending.join(', ') || 'migrations'}): run hub-ops migrate ` +
          "(the chart's migrate hook; npm run db:migrate from a checkout, which deploy/hub.sh does for you)",
      );
    }
  } finally {
    await ds.destroy();
  }
}
