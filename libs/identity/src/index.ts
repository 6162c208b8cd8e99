export * from './id-number';
export * from './masking';
