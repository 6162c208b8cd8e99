export * from './accepted-event';
export * from './dead-letter';
export * from './topic-names';
export * from './person-links';
export * from './batch-values';
export * from './linked-event';
export * from './person-views';
export * from './kafka-access';
