export * from './comparison-levels';
export * from './fellegi-sunter';
export * from './string-similarity';
