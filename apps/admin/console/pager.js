import { get } from './api.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';

/**
 * A list's pages: "第 a–b 条，共 N 条" with previous and next, PAGE_SIZE rows at a time, so a list never stops at
 * its first rows without saying so. `reload` is called with the new offset when the user turns a page.
 */
export function pager(reload, pageSize = 100) {
  let offset = 0;
  const range = h('span', { class: 'muted', 'data-test': 'page-range' });
  const previous = h(
    'button',
    {
      type: 'button',
      class: 'link',
      'data-action': 'previous-page',
      hidden: true,
      onclick: () => {
        offset = Math.max(0, offset - pageSize);
        reload();
      },
    },
    t('pg.previous'),
  );
  const next = h(
    'button',
    {
      type: 'button',
      class: 'link',
      'data-action': 'next-page',
      hidden: true,
      onclick: () => {
        offset += pageSize;
        reload();
      },
    },
    t('pg.next'),
  );
  return {
    element: h('p', { class: 'pager' }, range, ' ', previous, ' ', next),
    pageSize,
    get offset() {
      return offset;
    },
    /** Back to the first page (new filters). */
    reset() {
      offset = 0;
    },
    /** After a page of `shown` rows arrived, of `total` in all. */
    show(shown, total) {
      range.textContent = total ? t('pg.range', { from: offset + 1, to: offset + shown, total }) : '';
      previous.hidden = offset === 0;
      next.hidden = offset + shown >= total;
    },
    /**
     * This page of the list at `path` with the filters `query` (URL-encoded, may be empty), and how many the filters
     * match in all (`path/count`), asked for together.
     */
    async read(path, query) {
      const [items, counted] = await Promise.all([
        get(`${path}?${query}${query ? '&' : ''}limit=${pageSize}&offset=${offset}`),
        get(`${path}/count${query ? `?${query}` : ''}`),
      ]);
      return { items, total: counted.total };
    },
    /** A page `read` into the table body `rows`: a row each, or one row of `columns` cells saying `none`; then the range. */
    fill(rows, { items, total }, row, columns, none) {
      replaceChildren(
        rows,
        items.length ? items.map(row) : h('tr', {}, h('td', { colspan: columns, class: 'muted' }, none)),
      );
      this.show(items.length, total);
    },
  };
}
