import { DynamicModule, Provider, Type } from '@nestjs/common';
import { APP_GUARD, ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonSettings } from '@hub/config';
import { PersonalDataVault } from '@hub/identity';
import { personalDataVault } from './personal-data-vault';
import { KafkajsMessageBus, MESSAGE_BUS } from '@hub/kafka';
import { hubDataSourceOptions, serviceApplicationName } from '@hub/persistence';
import { HubService, TopicNames, hubClientId } from '@hub/topics';
import { BatchConsumerService } from './batch-consumer.service';
import { HealthController } from './health.controller';
import { kafkaBusOptions } from './kafka-bus-options';
import { SERVICE_TOKEN, ServiceTokenGuard } from './service-auth/service-token.guard';
import { MetricsController, ServiceMetrics } from './service-metrics';

/**
 * What every consuming service's module holds: its validated settings, the database (a connection per
 * concurrently processed partition, plus two), topic names, the Kafka client, health and readiness
 * (@nestjs/terminus), Prometheus metrics (prom-client) on /metrics, and the service token on every route
 * not marked @OpenRoute (ServiceTokenGuard).
 */
export function hubServiceModule<S extends CommonSettings>(options: {
  module: Type<unknown>;
  name: Exclude<HubService, 'admin'>;
  settingsClass: Type<S>;
  settings: S;
  partitionConcurrency: number;
  consumer: Type<BatchConsumerService>;
  controllers: Type<unknown>[];
  providers: Provider[];
}): DynamicModule {
  const { settings } = options;
  return {
    module: options.module,
    imports: [
      TerminusModule.forRoot({ logger: false }),
      TypeOrmModule.forRoot(
        hubDataSourceOptions(settings.DATABASE_URL, {
          poolSize: options.partitionConcurrency + 2,
          applicationName: serviceApplicationName(options.name),
        }),
      ),
    ],
    controllers: [HealthController, MetricsController, ...options.controllers],
    providers: [
      { provide: options.settingsClass, useValue: settings },
      { provide: SERVICE_TOKEN, useValue: settings.HUB_SERVICE_TOKEN },
      { provide: APP_GUARD, useClass: ServiceTokenGuard },
      { provide: TopicNames, useValue: new TopicNames(settings.TOPIC_NAMESPACE) },
      // Every service handles personal data (stored, or quarantined with a record): built here, so a missing or
      // wrong key set stops the service at start, naming the setting.
      { provide: PersonalDataVault, useValue: personalDataVault(settings) },
      {
        provide: MESSAGE_BUS,
        useFactory: () => new KafkajsMessageBus(kafkaBusOptions(settings, hubClientId(options.name))),
      },
      options.consumer,
      { provide: BatchConsumerService, useExisting: options.consumer },
      {
        provide: ServiceMetrics,
        useFactory: (modules: ModuleRef) => new ServiceMetrics(() => modules.get(BatchConsumerService), options.name),
        inject: [ModuleRef],
      },
      ...options.providers,
    ],
  };
}
