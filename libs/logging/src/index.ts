import { ConsoleLogger, LogLevel } from '@nestjs/common';

export { maskIdNumber, maskName, maskPhone } from '@hub/identity';

const ORDER: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * One logger shape for every service: timestamped lines with the service name, at the configured level.
 * Personal data never goes in: callers pass IDs, names and phones through maskIdNumber/maskName/maskPhone.
 */
export function createHubLogger(service: string, level: string): ConsoleLogger {
  const upTo = Math.max(0, ORDER.indexOf(level as LogLevel));
  return new ConsoleLogger(service, { logLevels: ORDER.slice(0, upTo + 1), timestamp: true, colors: false, prefix: 'assist-hub' });
}
