import { DynamicModule, INestApplication, MiddlewareConsumer, Module, NestModule, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { hubDataSourceOptions } from '@hub/persistence';
import { AdminSettings } from './admin.settings';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { SessionStore } from './auth/session-store';
import { AdminClock } from './clock';
import { AdminHealthController } from './health/health.controller';
import { AdminMetrics, HttpMetricsMiddleware } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { setupOpenApi } from './openapi/openapi';
import { DetectorAccounts } from './people/detector-accounts';
import { PeopleController } from './people/people.controller';
import { UnmaskService } from './people/unmask.service';
import { FirstStart } from './users/first-start';
import { UserStore } from './users/user-store';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * The admin service: an HTTP API over the hub for people (admins, reviewers, auditors, departments).
 * Not hubServiceModule: that one wires a Kafka consumer, and the admin service consumes nothing;
 * it reads the other services over HTTP and owns only its users, sessions and audit log.
 */
@Module({})
export class AdminModule implements NestModule {
  static forSettings(settings: AdminSettings): DynamicModule {
    return {
      module: AdminModule,
      imports: [TypeOrmModule.forRoot(hubDataSourceOptions(settings.DATABASE_URL, { poolSize: 5, applicationName: 'assist-hub-admin' }))],
      controllers: [AdminHealthController, MetricsController, AuthController, UsersController, AuditController, PeopleController],
      providers: [
        { provide: AdminSettings, useValue: settings },
        // Every route passes the access guard: deny by default, @Public() or @Roles(...) to open one.
        { provide: APP_GUARD, useClass: AccessGuard },
        // Request bodies and queries are checked against their classes; a bad one is a 400 naming the field.
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
        AdminClock, AdminMetrics, AuditLog, SessionStore, UserStore, AuthService, UsersService, FirstStart, DetectorAccounts, UnmaskService,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

/** What main.ts and the tests do to the app before it listens: the OpenAPI document and Swagger UI. */
export function configureAdminApp(app: INestApplication): void {
  setupOpenApi(app);
}
