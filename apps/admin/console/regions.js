import { get } from './api.js';
import { h } from './dom.js';

/** The county's region names (GET /api/regions), read once per page load; until then, and for unknown codes, the code. */
let names = new Map();
export const regionsLoaded = get('/api/regions').then((regions) => {
  names = new Map(regions.map((r) => [r.code, r.name]));
}).catch(() => undefined);

/** A region by name, its code on hover. */
export function regionLabel(code) {
  if (!code) return '—';
  return h('span', { class: 'region', title: code, 'data-test': 'region-name' }, names.get(code) ?? code);
}
