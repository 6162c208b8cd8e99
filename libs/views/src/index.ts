import 'reflect-metadata';
export * from './person-views';
export * from './rule-views';
export * from './person-purge';
export * from './alert-views';
export * from './recovery-views';
export * from './notice-views';
export * from './statistics-views';
