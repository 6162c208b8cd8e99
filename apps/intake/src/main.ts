import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@hub/config';
import { createHubLogger } from '@hub/logging';
import { assertSchemaCurrent } from '@hub/persistence';
import { IntakeModule } from './intake.module';
import { IntakeSettings } from './intake.settings';

async function bootstrap(): Promise<void> {
  const settings = loadConfigOrExit(IntakeSettings);
  const logger = createHubLogger('intake', settings.LOG_LEVEL);
  await assertSchemaCurrent(settings.DATABASE_URL);
  const app = await NestFactory.create(IntakeModule.forSettings(settings), { logger });
  app.enableShutdownHooks();
  await app.listen(settings.INTAKE_HTTP_PORT, '127.0.0.1');
  logger.log(`intake up; health on http://127.0.0.1:${settings.INTAKE_HTTP_PORT}/health, counters on /intake/stats`);
}

bootstrap().catch((e) => {
  process.stderr.write(`intake failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
