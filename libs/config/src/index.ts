import 'reflect-metadata';
export * from './common-settings';
export * from './load-config';
