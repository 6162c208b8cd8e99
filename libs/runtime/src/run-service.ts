import 'reflect-metadata';
import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { CommonSettings, loadConfigOrExit } from '@hub/config';
import { createHubLogger } from '@hub/logging';
import { assertSchemaCurrent } from '@hub/persistence';
import { PersonalDataVault } from '@hub/identity';
import { assertDataKeysMatch } from './personal-data-vault';
import { classifyFailure } from './failure-kind';
import { serveServiceOpenApi } from './service-openapi';

/** Starts tried while the broker or database is not ready yet (a broker that has just created its topics, say). */
const START_ATTEMPTS = 8;

/**
 * The start-up every hub service shares: settings validated (a wrong one stops the service naming it),
 * schema checked, the Nest app up on loopback with shutdown hooks, and a one-line start failure
 * instead of a stack trace.
 */
export function runService<S extends CommonSettings>(options: {
  name: string;
  settings: new () => S;
  module: (settings: S) => DynamicModule;
  port: (settings: S) => number;
  paths: string;
  /** A Nest transport served beside HTTP (the detector's Kafka request-reply), with the app's pipes. */
  microservice?: (settings: S) => MicroserviceOptions;
  /** Anything to do to the app before it listens (e.g. the admin service's OpenAPI document). */
  configure?: (app: INestApplication, settings: S) => void | Promise<void>;
  /** What the service's HTTP API is for: with it, its OpenAPI document is served at /openapi.json. */
  openApi?: string;
}): void {
  const settings = loadConfigOrExit(options.settings);
  const logger = createHubLogger(options.name, settings.LOG_LEVEL, settings.LOG_FORMAT);
  if (!settings.HUB_SERVICE_TOKEN) {
    logger.error(
      `${options.name} failed to start: HUB_SERVICE_TOKEN is not set (the shared secret of internal HTTP calls; deploy/hub.sh makes one, or: openssl rand -hex 32)`,
    );
    process.exit(1);
  }
  const start = async () => {
    await assertSchemaCurrent(settings.DATABASE_URL);
    const app = await NestFactory.create(options.module(settings), { logger });
    try {
      // The module's own vault (built from the settings once), checked before anything consumes or listens.
      await assertDataKeysMatch(settings.DATABASE_URL, app.get(PersonalDataVault));
      app.enableShutdownHooks();
      if (options.microservice) {
        app.connectMicroservice(options.microservice(settings), { inheritAppConfig: true });
        await app.startAllMicroservices();
      }
      await options.configure?.(app, settings);
      if (options.openApi) serveServiceOpenApi(app, options.name, options.openApi);
      const port = options.port(settings);
      await app.listen(port, settings.HUB_HTTP_HOST);
      logger.log(`${options.name} up; health on http://${settings.HUB_HTTP_HOST}:${port}/health, ${options.paths}`);
    } catch (e) {
      // Leave nothing connected behind: the next attempt builds the app anew.
      await app.close().catch(() => undefined);
      throw e;
    }
  };
  const attempt = async (n: number): Promise<void> => {
    try {
      await start();
    } catch (e) {
      if (classifyFailure(e) !== 'INFRASTRUCTURE' || n >= START_ATTEMPTS) throw e;
      const delayMs = Math.min(500 * 2 ** (n - 1), 10_000);
      logger.warn(
        `broker or database not ready (${e instanceof Error ? e.message : String(e)}); starting again in ${delayMs} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await attempt(n + 1);
    }
  };
  attempt(1).catch((e) => {
    // Through the logger: with LOG_FORMAT=json the reason is a JSON line like every other.
    logger.error(`${options.name} failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}

/**
 * For a consumer whose Kafka client gave up: without it the service only looks alive, so stop the
 * process (exit code 1) and let a supervisor restart it.
 */
export function stopProcessOnFatal(logger: Logger, onStopped: () => void): (error: Error) => void {
  return (error) => {
    logger.error(`Kafka consumer stopped for good: ${error.message}; shutting down`);
    onStopped();
    process.exitCode = 1;
    process.kill(process.pid, 'SIGTERM');
  };
}
