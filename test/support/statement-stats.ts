import { Client } from 'pg';

/**
 * The statements of this benchmark's database that took most time, when PostgreSQL was started with
 * pg_stat_statements (HUB_PG_STATEMENT_STATS=true); nothing otherwise.
 */
export async function statementStats(
  db: Client,
): Promise<{ costliest(n: number): Promise<{ seconds: number; calls: number; query: string }[]> }> {
  const available = await db
    .query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    .then(() => db.query('SELECT pg_stat_statements_reset()'))
    .then(
      () => true,
      () => false,
    );
  return {
    costliest: async (n) => {
      if (!available) return [];
      const { rows } = await db.query(
        `SELECT total_exec_time / 1000 AS seconds, calls, regexp_replace(query, '\\s+', ' ', 'g') AS query FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT $1`,
        [n],
      );
      return rows.map((r) => ({
        seconds: Number(r.seconds),
        calls: Number(r.calls),
        query: String(r.query).slice(0, 150),
      }));
    },
  };
}

/** The statements `statementStats` found costliest, when there are any. */
export function printStatements(costliest: { seconds: number; calls: number; query: string }[]): void {
  if (costliest.length === 0) return;
  process.stdout.write('\nPostgreSQL statements by total time (HUB_PG_STATEMENT_STATS=true)\n');
  for (const s of costliest)
    process.stdout.write(`${s.seconds.toFixed(1).padStart(7)} s ${String(s.calls).padStart(8)} calls  ${s.query}\n`);
}
