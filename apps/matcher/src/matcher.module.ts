import { DynamicModule, Module } from '@nestjs/common';
import { hubServiceModule, quarantineStoreProvider } from '@hub/runtime';
import { MatchModelService } from './match-model.service';
import { MatcherBatchProcessor } from './matcher-batch.processor';
import { MatcherConsumer } from './matcher-consumer.service';
import { MatcherController } from './matcher.controller';
import { MatcherSettings } from './matcher.settings';
import { MatcherStats } from './matcher-stats';
import { MatcherOutbox } from './outbox/matcher-outbox';
import { PersonStore } from './person-store';
import { RecordLinker } from './record-linker';
import { PeopleController } from './people/people.controller';
import { PersonDirectory } from './people/person-directory';
import { PersonPurge } from './people/person-purge';
import { ReviewController } from './review/review.controller';
import { ReviewSettlement } from './review/review-settlement';
import { ReviewDecisions } from './review/review-decisions';
import { ReviewQueue } from './review/review-queue';

@Module({})
export class MatcherModule {
  static forSettings(settings: MatcherSettings): DynamicModule {
    return hubServiceModule({
      module: MatcherModule,
      name: 'matcher',
      settingsClass: MatcherSettings,
      settings,
      partitionConcurrency: settings.MATCHER_PARTITION_CONCURRENCY,
      consumer: MatcherConsumer,
      controllers: [MatcherController, ReviewController, PeopleController],
      providers: [
        quarantineStoreProvider('matcher'),
        MatcherStats,
        MatchModelService,
        MatcherOutbox,
        PersonStore,
        RecordLinker,
        ReviewSettlement,
        MatcherBatchProcessor,
        ReviewQueue,
        ReviewDecisions,
        PersonDirectory,
        PersonPurge,
      ],
    });
  }
}
