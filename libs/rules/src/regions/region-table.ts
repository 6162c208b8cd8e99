import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export const DEFAULT_REGION_FILE = path.resolve(__dirname, '../../regions/default.yaml');

/** A region code (行政区划代码) and its name. */
export interface RegionName {
  code: string;
  name: string;
}

/** 6 digits (county), 9 (township), 12 (village). */
const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

/**
 * The county's region table (a YAML file `regions: { "<code>": <name> }`), checked whole: a wrong code or an empty
 * name stops the admin at start-up naming the entry, as a rule pack's mistake stops the detector.
 */
export function loadRegionTable(file: string = DEFAULT_REGION_FILE): RegionName[] {
  let body: unknown;
  try {
    body = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`region table ${file}: ${(e as Error).message}`);
  }
  const regions = (body as { regions?: unknown } | null)?.regions;
  if (!regions || typeof regions !== 'object' || Array.isArray(regions))
    throw new Error(`region table ${file}: needs a mapping "regions" of code to name`);
  const problems: string[] = [];
  const table = Object.entries(regions as Record<string, unknown>).flatMap(([code, name]) => {
    if (!REGION_CODE.test(code)) problems.push(`${code}: not a region code of 6, 9 or 12 digits (quote it: "330502")`);
    else if (typeof name !== 'string' || !name.trim()) problems.push(`${code}: needs a name`);
    else return [{ code, name: name.trim() }];
    return [];
  });
  if (problems.length) throw new Error(`region table ${file}:\n  ${problems.join('\n  ')}`);
  return table.sort((a, b) => a.code.localeCompare(b.code));
}
