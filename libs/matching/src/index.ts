export * from './blocking-keys';
export * from './comparison-levels';
export * from './default-model';
export * from './fellegi-sunter';
export * from './match-decision';
export * from './match-identity';
export * from './string-similarity';
