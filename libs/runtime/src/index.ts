export * from './run-service';
export * from './batch-consumer.service';
export * from './health.controller';
export * from './broker-health';
export * from './service-module';
export * from './service-metrics';
