import { compositeKey } from '@hub/identity';

/**
 * Contract section 2, `source`: a URI reference `/<region>/<department>/<system>`, e.g. `/330502/civil-affairs/dibao`
 * (charity: `/<region>/charity/<organisation-code>`). The one reading of it: intake checks it with this, and every
 * service that wants a stored source's region or department asks `parseSource` instead of splitting it.
 */
export const SOURCE_PATTERN = /^\/([0-9]{6}|[a-z0-9-]+)\/([a-z][a-z-]*)\/([A-Za-z0-9._~-]+)$/;

export interface SourcePath {
  region: string;
  department: string;
  system: string;
}

/** The parts of a source, or null when it is not of the contract's shape (whether the department is one of the contract's is the caller's question). */
export function parseSource(source: string): SourcePath | null {
  const m = SOURCE_PATTERN.exec(source);
  return m ? { region: m[1], department: m[2], system: m[3] } : null;
}

/**
 * The department of a stored source in SQL (`split_part`), for queries that filter rows by it: the same part
 * `parseSource` reads (a source that passed intake has exactly three).
 */
export const sourceDepartmentSql = (expression: string): string => `split_part(${expression}, '/', 3)`;

/**
 * The key of something a source identifies by its own id, unique within that source (contract sections 2 and 3):
 * a department's record of a person (`sourcePersonId`), its household, an event, a benefit, a status. It is the
 * associated data of sealed identities and part of lookup hashes: the format is stored, keep it.
 */
export const recordKeyOf = (source: string, id: string): string => compositeKey(source, id);
