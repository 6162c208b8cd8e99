import { DynamicModule, Module } from '@nestjs/common';
import { hubServiceModule } from '@hub/runtime';
import { EventStore } from './event-store';
import { IntakeBatchProcessor } from './intake-batch.processor';
import { IntakeConsumer } from './intake-consumer.service';
import { IntakeController } from './intake.controller';
import { IntakeSettings } from './intake.settings';
import { IntakeStats } from './intake-stats';

@Module({})
export class IntakeModule {
  static forSettings(settings: IntakeSettings): DynamicModule {
    return hubServiceModule({
      module: IntakeModule,
      name: 'intake',
      settingsClass: IntakeSettings,
      settings,
      partitionConcurrency: settings.INTAKE_PARTITION_CONCURRENCY,
      consumer: IntakeConsumer,
      controllers: [IntakeController],
      providers: [EventStore, IntakeStats, IntakeBatchProcessor],
    });
  }
}
