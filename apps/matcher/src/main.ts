import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@hub/config';
import { createHubLogger } from '@hub/logging';
import { assertSchemaCurrent } from '@hub/persistence';
import { MatcherModule } from './matcher.module';
import { MatcherSettings } from './matcher.settings';

async function bootstrap(): Promise<void> {
  const settings = loadConfigOrExit(MatcherSettings);
  const logger = createHubLogger('matcher', settings.LOG_LEVEL);
  await assertSchemaCurrent(settings.DATABASE_URL);
  const app = await NestFactory.create(MatcherModule.forSettings(settings), { logger });
  app.enableShutdownHooks();
  await app.listen(settings.MATCHER_HTTP_PORT, '127.0.0.1');
  logger.log(`matcher up; health on http://127.0.0.1:${settings.MATCHER_HTTP_PORT}/health, counters on /matcher/stats`);
}

bootstrap().catch((e) => {
  process.stderr.write(`matcher failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
