import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KafkajsMessageBus, MESSAGE_BUS } from '@hub/kafka';
import { hubDataSourceOptions } from '@hub/persistence';
import { TopicNames } from '@hub/topics';
import { EventStore } from './event-store';
import { IntakeBatchProcessor } from './intake-batch.processor';
import { IntakeConsumer } from './intake-consumer.service';
import { IntakeController } from './intake.controller';
import { IntakeSettings } from './intake.settings';
import { IntakeStats } from './intake-stats';

@Module({})
export class IntakeModule {
  static forSettings(settings: IntakeSettings): DynamicModule {
    return {
      module: IntakeModule,
      imports: [TypeOrmModule.forRoot(hubDataSourceOptions(settings.DATABASE_URL, { poolSize: settings.INTAKE_PARTITION_CONCURRENCY + 2, applicationName: 'assist-hub-intake' }))],
      controllers: [IntakeController],
      providers: [
        { provide: IntakeSettings, useValue: settings },
        { provide: TopicNames, useValue: new TopicNames(settings.TOPIC_NAMESPACE) },
        { provide: MESSAGE_BUS, useFactory: () => new KafkajsMessageBus({ brokers: settings.KAFKA_BROKERS, clientId: 'assist-hub-intake' }) },
        EventStore,
        IntakeStats,
        IntakeBatchProcessor,
        IntakeConsumer,
      ],
    };
  }
}
