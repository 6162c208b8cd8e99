export * from './run-service';
export * from './batch-consumer.service';
