/**
 * An embedded PostgreSQL as a process of its own, for the fault suite: a server in a process of its own
 * can be stopped, killed and started again while the test goes on.
 *   node -r ts-node/register -r tsconfig-paths/register test/support/postgres-server.ts <dataDir> <port>
 * Prints "ready <serverUrl>" once it answers; SIGTERM stops the server (fast shutdown), then the process.
 */
import { startEmbeddedPostgres } from '@hub/persistence';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: Number(port),
    fast: true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdout.write(`ready ${server.serverUrl}\n`);
}

main().catch((e) => {
  process.stderr.write(`postgres-server failed: ${(e as Error).message}\n`);
  process.exit(1);
});
