export * from './id-number';
export * from './masking';
export * from './person-name';
export * from './phone';
export * from './region-code';
export * from './storable-text';
export * from './at-rest/data-keys';
export * from './at-rest/personal-data-vault';
