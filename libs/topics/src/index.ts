export * from './accepted-event';
export * from './dead-letter';
export * from './topic-names';
export * from './person-links';
