/**
 * How many processes of a pipeline service the local runtime starts (`<SERVICE>_INSTANCES`, default 1): they share
 * the service's consumer group, as Deployments' replicas do on a cluster. Each has a port of its own: the
 * service's port, then +10 per further process (intake 3101, 3111, 3121 …), so none meets another service's.
 */
export const MAX_LOCAL_INSTANCES = 6;

export function instanceCount(env: NodeJS.ProcessEnv, service: 'intake' | 'matcher' | 'detector'): number {
  const name = `${service.toUpperCase()}_INSTANCES`;
  const raw = env[name];
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LOCAL_INSTANCES)
    throw new Error(`${name} must be a whole number from 1 to ${MAX_LOCAL_INSTANCES}, not "${raw}"`);
  return n;
}

/** The ports of `count` processes of a service whose first listens on `firstPort`. */
export function instancePorts(firstPort: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => firstPort + 10 * i);
}
