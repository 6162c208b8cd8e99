export * from './data-source-options';
export * from './embedded-postgres';
export * from './free-port';
export * from './migrate';
export * from './service-roles';
