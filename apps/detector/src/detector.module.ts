import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { hubServiceModule, quarantineStoreProvider } from '@hub/runtime';
import { AccountController } from './account/account.controller';
import { AccountService } from './account/account.service';
import { AlertBook } from './alerts/alert-book';
import { AlertPublisher } from './alerts/alert-publisher';
import { AlertsController } from './alerts/alerts.controller';
import { DetectorBatchProcessor } from './detector-batch.processor';
import { DetectorConsumer } from './detector-consumer.service';
import { DetectorController } from './detector.controller';
import { DetectorCycle } from './detector-cycle';
import { DetectorSettings } from './detector.settings';
import { DetectorStats } from './detector-stats';
import { EventClock } from './event-time/event-clock';
import { IntakeEndOffsets } from './event-time/intake-end-offsets';
import { FactStore } from './facts/fact-store';
import { TimelineReader } from './facts/timeline-reader';
import { PrepaymentCheckController } from './prepayment/prepayment-check.controller';
import { PrepaymentCheckHandler } from './prepayment/prepayment-check.handler';
import { PrepaymentCheckService } from './prepayment/prepayment-check.service';
import { NoticeStore } from './notices/notice-store';
import { StatisticsController } from './statistics/statistics.controller';
import { StatisticsStore } from './statistics/statistics-store';
import { NoticesController } from './notices/notices.controller';
import { RecoveryBook } from './recovery/recovery-book';
import { RecoveryController } from './recovery/recovery.controller';
import { RecoveryStore } from './recovery/recovery-store';
import { RuleBook } from './rules/rule-book.service';

@Module({})
export class DetectorModule {
  static forSettings(settings: DetectorSettings): DynamicModule {
    return hubServiceModule({
      module: DetectorModule,
      name: 'detector',
      settingsClass: DetectorSettings,
      settings,
      partitionConcurrency: settings.DETECTOR_PARTITION_CONCURRENCY,
      consumer: DetectorConsumer,
      controllers: [
        DetectorController,
        AlertsController,
        AccountController,
        RecoveryController,
        NoticesController,
        StatisticsController,
        PrepaymentCheckController,
        PrepaymentCheckHandler,
      ],
      providers: [
        // Request bodies are checked against their classes; a bad one is a 400 naming the field.
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
        quarantineStoreProvider('detector'),
        DetectorStats,
        RuleBook,
        IntakeEndOffsets,
        EventClock,
        FactStore,
        TimelineReader,
        AlertBook,
        AlertPublisher,
        DetectorCycle,
        DetectorBatchProcessor,
        AccountService,
        PrepaymentCheckService,
        RecoveryStore,
        RecoveryBook,
        NoticeStore,
        StatisticsStore,
      ],
    });
  }
}
