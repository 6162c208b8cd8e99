import 'reflect-metadata';
export * from './catalogues';
export * from './cloudevent';
export * from './error-codes';
export * from './payload-validation';
export * from './payloads';
export * from './protobuf';
export * from './quality-flags';
export * from './validators';
