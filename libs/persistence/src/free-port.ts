import * as net from 'node:net';

/**
 * Ports handed out here, never handed out twice by this module instance (a process; under Jest, a test file): a port
 * is free when asked for and taken only when the process it is meant for listens, so two asks in a row must not
 * get the same one.
 */
const handedOut = new Set<number>();

/**
 * Below Linux's ephemeral range (32768-60999): the kernel gives those to outgoing connections (a service's
 * own connections to Kafka and PostgreSQL), which could take a port between this check and the listen. Above the
 * fixed ports tests and checks choose (brokers 29192-29393, image:check 23101).
 */
const LOW = 30_000;
const HIGH = 32_767;
const TRIES = 200;

function listensOn(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A loopback TCP port free now and not handed out before, for a server this process is about to start. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < TRIES; i++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (handedOut.has(port)) continue;
    if (await listensOn(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free loopback port found in ${LOW}-${HIGH} after ${TRIES} tries`);
}
