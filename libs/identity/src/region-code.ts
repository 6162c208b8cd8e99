import { isKnownProvince } from './id-number';

export type RegionFlag = 'REGION_INVALID' | 'REGION_UNKNOWN_PROVINCE';

/**
 * 行政区划代码 (GB/T 2260), six digits: province, prefecture, county. Checked for shape and province
 * only; the full county list changes yearly and is not shipped.
 */
export function normalizeRegionCode(raw: string): {
  normalized: string | null;
  province: string | null;
  prefecture: string | null;
  flags: RegionFlag[];
} {
  const code = raw.normalize('NFKC').trim();
  if (!/^\d{6}$/.test(code)) return { normalized: null, province: null, prefecture: null, flags: ['REGION_INVALID'] };
  const flags: RegionFlag[] = isKnownProvince(code.slice(0, 2)) ? [] : ['REGION_UNKNOWN_PROVINCE'];
  return { normalized: code, province: `${code.slice(0, 2)}0000`, prefecture: `${code.slice(0, 4)}00`, flags };
}
