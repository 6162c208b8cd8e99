import { get } from './api.js';
import { h } from './dom.js';

/** The county's region names (GET /api/regions): read once, on the first page that needs them (after log-in). */
let names = new Map();
let loading;
export function loadRegions() {
  loading ??= get('/api/regions')
    .then((regions) => {
      names = new Map(regions.map((r) => [r.code, r.name]));
    })
    .catch(() => {
      loading = undefined; // tried again by the next page; meanwhile codes stand for the names
    });
  return loading ?? Promise.resolve();
}

/** A region by name, its code on hover; for an unknown code, the code. */
export function regionLabel(code) {
  if (!code) return '—';
  return h('span', { class: 'region', title: code, 'data-test': 'region-name' }, names.get(code) ?? code);
}
