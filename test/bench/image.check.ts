/**
 * `bash deploy/hub.sh image:check [image]`: the image (deploy/container/build-local.sh builds it here) against the
 * broker and database hub.sh starts: hub-ops migrate and kafka:provision, then intake until /ready answers 200, its
 * first log lines (JSON) and the user it runs as. Runs the image with `buildah run --isolation chroot` (the host's
 * network), as this machine has no container runtime; on a machine with one, the same is `podman run --network host`.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const image = process.argv[2] ?? 'localhost/assist-hub:0.1.0';
const say = (line: string) => process.stdout.write(`[image] ${line}\n`);
const PORT = '23101';

async function main(): Promise<void> {
  const database = new URL(process.env.DATABASE_URL!);
  database.pathname = '/assist_hub_image_check';
  const env: Record<string, string> = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
    DATABASE_URL: database.toString(),
    HUB_SERVICE_TOKEN: process.env.HUB_SERVICE_TOKEN!,
    TOPIC_NAMESPACE: `image${Date.now()}.`,
    INTAKE_HTTP_PORT: PORT,
    KAFKA_MANAGE_TOPICS: 'false',
  };
  // The key file hub.sh names lives outside the image: its content goes in as HUB_DATA_KEYS.
  env.HUB_DATA_KEYS = process.env.HUB_DATA_KEYS ?? readFileSync(process.env.HUB_DATA_KEYS_FILE!, 'utf8');
  const envArgs = Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const from = spawnSync('buildah', ['from', image], { encoding: 'utf8' });
  if (from.status !== 0)
    throw new Error(
      `buildah from ${image}: ${from.stderr.trim()} (build it with bash deploy/container/build-local.sh)`,
    );
  const container = from.stdout.trim();
  const runArgs = (args: string[]) => [
    'run',
    '--isolation',
    'chroot',
    ...envArgs,
    container,
    '--',
    '/usr/local/bin/hub-entry',
    ...args,
  ];
  let intake: ChildProcess | undefined;
  try {
    say(
      `user: ${spawnSync('buildah', ['run', '--isolation', 'chroot', container, '--', 'id'], { encoding: 'utf8' }).stdout.trim()}`,
    );
    for (const job of [
      ['ops', 'migrate'],
      ['ops', 'kafka:provision'],
    ]) {
      const r = spawnSync('buildah', runArgs(job), { encoding: 'utf8' });
      say(
        `${job.join(' ')}: exit ${r.status}; ${r.stderr
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('[hub-ops]'))
          .pop()
          ?.slice(0, 300)}`,
      );
      if (r.status !== 0) throw new Error(`${job.join(' ')} failed`);
    }
    intake = spawn('buildah', runArgs(['intake']), { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    intake.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    let ready = 'no answer';
    for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 1000));
      const answer = await fetch(`http://127.0.0.1:${PORT}/ready`).then(
        async (r) => `${r.status} ${await r.text()}`,
        () => undefined,
      );
      if (answer) ready = answer;
      if (answer?.startsWith('200')) break;
    }
    say(`intake /ready: ${ready.slice(0, 200)}`);
    say(`intake's first log line: ${log.split('\n')[0].slice(0, 200)}`);
    if (!ready.startsWith('200')) throw new Error('intake from the image did not become ready');
    say('the image runs hub-ops and a service against a real broker and database');
  } finally {
    intake?.kill('SIGTERM');
    spawnSync('buildah', ['rm', container]);
  }
}

main().catch((e) => {
  say(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
