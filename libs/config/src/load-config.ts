import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {}

/** Settings whose value a start-up error must not echo: it would land in a log. */
const SECRET_SETTING = /PASSWORD|SECRET|TOKEN/;

/**
 * Reads and validates environment settings into a class at start-up. A wrong setting stops the
 * service with a message naming the setting, instead of a failure deep inside a request later.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(schema, { ...env }, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}=${SECRET_SETTING.test(e.property) ? '(hidden)' : JSON.stringify(e.value ?? null)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
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
      process.stderr.write(`${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}
