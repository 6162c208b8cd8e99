import {
  DynamicModule,
  INestApplication,
  MiddlewareConsumer,
  Module,
  NestModule,
  ValidationPipe,
} from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KafkajsMessageBus, MESSAGE_BUS } from '@hub/kafka';
import { hubDataSourceOptions, serviceApplicationName } from '@hub/persistence';
import { kafkaBusOptions, personalDataVault } from '@hub/runtime';
import { PersonalDataVault } from '@hub/identity';
import { TopicNames, hubClientId } from '@hub/topics';
import { AdminSettings } from './admin.settings';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { SessionStore } from './auth/session-store';
import { AdminClock } from './clock';
import { mountConsole } from './console/console-static';
import { DeadLetterConsumer } from './dead-letters/dead-letter-consumer';
import { DeadLetterReplayService } from './dead-letters/dead-letter-replay.service';
import { DeadLetterStore } from './dead-letters/dead-letter-store';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { FeedSampler } from './feeds/feed-sampler';
import { FeedsController } from './feeds/feeds.controller';
import { FeedsService } from './feeds/feeds.service';
import { LastEventTimes } from './feeds/last-event-times';
import { AdminHealthController } from './health/health.controller';
import { AdminMetrics, HttpMetricsMiddleware } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { setupOpenApi } from './openapi/openapi';
import { TopicBrowserService } from './topics/topic-browser.service';
import { TopicsController } from './topics/topics.controller';
import { DetectorAccounts } from './people/detector-accounts';
import { MatcherPeople } from './people/matcher-people';
import { PeopleController } from './people/people.controller';
import { MatcherReviews } from './reviews/matcher-reviews';
import { AlertsController } from './alerts/alerts.controller';
import { RegionsController } from './regions/regions.controller';
import { DetectorAlerts } from './alerts/detector-alerts';
import { DetectorRecovery } from './recovery/detector-recovery';
import { RecoveryController } from './recovery/recovery.controller';
import { NoticesController } from './notices/notices.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { UnmaskService } from './people/unmask.service';
import { PersonPurgeController } from './people/person-purge.controller';
import { PersonPurgeService } from './people/person-purge.service';
import { FirstStart } from './users/first-start';
import { adminSecurity } from './security/admin-security.middleware';
import { UserStore } from './users/user-store';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * The admin service: an HTTP API and the web console over the hub for people (admins, reviewers,
 * auditors, departments). Not hubServiceModule: the admin's one consumer (dead letters) is not what its
 * readiness is about alone, and it reads the other services over HTTP or Kafka, never their tables.
 */
@Module({})
export class AdminModule implements NestModule {
  static forSettings(settings: AdminSettings): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forRoot(
          hubDataSourceOptions(settings.DATABASE_URL, {
            poolSize: 5,
            applicationName: serviceApplicationName('admin'),
          }),
        ),
      ],
      controllers: [
        AdminHealthController,
        MetricsController,
        AuthController,
        UsersController,
        AuditController,
        PeopleController,
        PersonPurgeController,
        FeedsController,
        TopicsController,
        DeadLettersController,
        ReviewsController,
        AlertsController,
        RecoveryController,
        NoticesController,
        StatisticsController,
        RegionsController,
      ],
      providers: [
        { provide: AdminSettings, useValue: settings },
        // Built here, so a missing or wrong key set stops the admin at start, naming the setting.
        { provide: PersonalDataVault, useValue: personalDataVault(settings) },
        { provide: TopicNames, useValue: new TopicNames(settings.TOPIC_NAMESPACE) },
        {
          provide: MESSAGE_BUS,
          useFactory: () => new KafkajsMessageBus(kafkaBusOptions(settings, hubClientId('admin'))),
        },
        // Every route passes the access guard: deny by default, @Public() or @Roles(...) to open one.
        { provide: APP_GUARD, useClass: AccessGuard },
        // Request bodies and queries are checked against their classes; a bad one is a 400 naming the field.
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
        AdminClock,
        AdminMetrics,
        AuditLog,
        SessionStore,
        UserStore,
        AuthService,
        UsersService,
        FirstStart,
        DetectorAccounts,
        UnmaskService,
        PersonPurgeService,
        DeadLetterStore,
        DeadLetterConsumer,
        DeadLetterReplayService,
        FeedSampler,
        LastEventTimes,
        FeedsService,
        TopicBrowserService,
        MatcherReviews,
        DetectorAlerts,
        DetectorRecovery,
        MatcherPeople,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

/** What main.ts and the tests do to the app before it listens: the OpenAPI document, Swagger UI and the console's files. */
export function configureAdminApp(app: INestApplication): void {
  const settings = app.get(AdminSettings);
  // Behind an ingress that ends TLS, request.ip and request.secure come from its forwarded headers, or every user
  // would share the ingress's address (one lock-out for the whole county) and the console's origin would be http.
  if (settings.ADMIN_TRUST_PROXY_HOPS > 0)
    (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set(
      'trust proxy',
      settings.ADMIN_TRUST_PROXY_HOPS,
    );
  // First of all, so that the console's files and Swagger UI carry the security headers too.
  app.use(adminSecurity(settings));
  setupOpenApi(app);
  mountConsole(app);
}
