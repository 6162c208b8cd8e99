/**
 * The local runtime's supervisor with its embedded PostgreSQL, as a process of its own that the test
 * can kill and watch. Prints `ready <serverUrl> <pid>`, then the
 * supervisor's lines; SIGTERM stops it all. Arguments: data directory, log file.
 */
import { postgresProcess } from '../../deploy/runtime/infrastructure';
import { Supervisor } from '../../deploy/runtime/supervisor';

async function main(): Promise<void> {
  const [dataDir, logFile] = process.argv.slice(2);
  const supervisor = new Supervisor({
    say: (m) => process.stdout.write(`${m}\n`),
    stopGraceMs: 3_000,
    policy: { initialDelayMs: 2_000, maxDelayMs: 30_000, stableMs: 60_000 },
  });
  process.on('SIGTERM', () => void supervisor.stop().then(() => process.exit(0)));
  const postgres = postgresProcess({ dataDir, fast: true, logFile });
  const run = await supervisor.add(postgres);
  process.stdout.write(`ready ${postgres.serverUrl} ${run.pid}\n`);
}

main().catch((e) => {
  process.stderr.write(`supervised PostgreSQL failed: ${(e as Error).message}\n`);
  process.exit(1);
});
