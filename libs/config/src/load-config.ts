import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {}

/** Settings whose value a start-up error must not echo: it would land in a log. */
const SECRET_SETTING = /PASSWORD|SECRET|TOKEN|DATA_KEYS/;

/** A setting's value as an error may show it: secrets hidden, a URL's user and password masked. */
function shownValue(property: string, value: unknown): string {
  if (SECRET_SETTING.test(property)) return '(hidden)';
  const text = JSON.stringify(value ?? null);
  // postgres://user:password@host, jdbc:postgresql://… , a broker list with credentials: never echoed.
  return text.replace(/\/\/[^/@\s"]*@/g, '//***@');
}

/**
 * Reads and validates environment settings into a class at start-up. A wrong setting stops the
 * service with a message naming the setting, instead of a failure deep inside a request later.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(schema, { ...env }, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.map(
      (e) => `  ${e.property}=${shownValue(e.property, e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** For main.ts: print the config error plainly and exit, no stack trace. */
export function loadConfigOrExit<T extends object>(schema: new () => T): T {
  try {
    return loadConfig(schema);
  } catch (e) {
    if (e instanceof ConfigError) {
      // LOG_FORMAT=json (a cluster's log collector): the refusal is one JSON line like every other.
      if (process.env.LOG_FORMAT === 'json')
        process.stderr.write(
          `${JSON.stringify({ level: 'error', pid: process.pid, timestamp: Date.now(), context: 'config', message: e.message })}\n`,
        );
      else process.stderr.write(`${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}
