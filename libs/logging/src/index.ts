import { ConsoleLogger, LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * One logger shape for every service, at the configured level: timestamped lines with the service name, or
 * (LOG_FORMAT=json) one JSON object a line with level, pid, timestamp, context and message, for a log collector.
 * Personal data never goes in: callers pass IDs, names and phones through @hub/identity's maskIdNumber/maskName/maskPhone.
 */
export function createHubLogger(service: string, level: string, format: 'text' | 'json' = 'text'): ConsoleLogger {
  const upTo = Math.max(0, ORDER.indexOf(level as LogLevel));
  const logLevels = ORDER.slice(0, upTo + 1);
  if (format === 'json') return new ConsoleLogger(service, { logLevels, json: true, colors: false });
  return new ConsoleLogger(service, { logLevels, timestamp: true, colors: false, prefix: 'assist-hub' });
}
