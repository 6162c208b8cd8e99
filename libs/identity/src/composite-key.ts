/**
 * One string for a tuple of values: a map key, the associated data a sealed value is bound to, the input of a
 * lookup hash. The parts are joined by NUL, which no stored text contains (PostgreSQL refuses it, intake rejects
 * it, `storableText` drops it), so two different tuples of stored values never give the same key. Where a key is
 * persisted (sealed values' associated data, lookup hashes) its bytes are part of the stored data: keep the format.
 */
export const compositeKey = (...parts: (string | number)[]): string => parts.join('\u0000');
