export * from './comparison-levels';
export * from './string-similarity';
