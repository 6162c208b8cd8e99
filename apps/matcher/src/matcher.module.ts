import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KafkajsMessageBus, MESSAGE_BUS } from '@hub/kafka';
import { hubDataSourceOptions } from '@hub/persistence';
import { TopicNames } from '@hub/topics';
import { MatchModelService } from './match-model.service';
import { MatcherBatchProcessor } from './matcher-batch.processor';
import { MatcherConsumer } from './matcher-consumer.service';
import { MatcherController } from './matcher.controller';
import { MatcherSettings } from './matcher.settings';
import { MatcherStats } from './matcher-stats';
import { PersonStore } from './person-store';
import { RecordLinker } from './record-linker';

@Module({})
export class MatcherModule {
  static forSettings(settings: MatcherSettings): DynamicModule {
    return {
      module: MatcherModule,
      imports: [TypeOrmModule.forRoot(hubDataSourceOptions(settings.DATABASE_URL, { poolSize: settings.MATCHER_PARTITION_CONCURRENCY + 2, applicationName: 'assist-hub-matcher' }))],
      controllers: [MatcherController],
      providers: [
        { provide: MatcherSettings, useValue: settings },
        { provide: TopicNames, useValue: new TopicNames(settings.TOPIC_NAMESPACE) },
        { provide: MESSAGE_BUS, useFactory: () => new KafkajsMessageBus({ brokers: settings.KAFKA_BROKERS, clientId: 'assist-hub-matcher' }) },
        MatcherStats,
        MatchModelService,
        PersonStore,
        RecordLinker,
        MatcherBatchProcessor,
        MatcherConsumer,
      ],
    };
  }
}
