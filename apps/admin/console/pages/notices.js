import { get } from '../api.js';
import { loadRegions, regionLabel } from '../regions.js';
import { flashMessage, h, replaceChildren } from '../dom.js';
import { errorText, formatYuan, lastMonth, t } from '../i18n.js';

/** The printable notice (A4): a heading naming area and month, the noticed grants, then the emergency applications' 四公布. */
function noticeSheet(list) {
  // Any area by its name in the county's region table (townships and villages too, where the table has them).
  const area = regionLabel(list.area);
  const grants = list.grants.length
    ? h(
        'table',
        { class: 'list notice', 'data-test': 'notice-grants' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('nt.name'), t('pp.program'), t('pp.amount'), t('pp.period'), t('nt.noticePeriod')].map((x) =>
              h('th', {}, x),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          list.grants.map((g) =>
            h(
              'tr',
              {},
              h('td', {}, g.name),
              h('td', {}, g.programName),
              h('td', { class: 'number' }, formatYuan(g.amountFen)),
              h('td', {}, `${g.period.start} — ${g.period.end}`),
              h('td', {}, `${g.notice.start} — ${g.notice.end}`),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('nt.noGrants'));
  const emergency = list.emergency.length
    ? h(
        'table',
        { class: 'list notice', 'data-test': 'notice-emergency' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('nt.name'), t('pp.program'), t('nt.reason'), t('nt.verified'), t('nt.decision'), t('pp.amount')].map(
              (x) => h('th', {}, x),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          list.emergency.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, e.name),
              h('td', {}, e.programName),
              h('td', {}, e.reason),
              h('td', {}, e.verifiedOn ? t('nt.verifiedOn', { date: e.verifiedOn }) : t('nt.notVerified')),
              h('td', {}, t(`nt.decision.${e.decision ?? 'PENDING'}`)),
              h('td', { class: 'number' }, formatYuan(e.amountFen)),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('nt.noEmergency'));
  return h(
    'article',
    { class: 'notice-sheet', 'data-test': 'notice-sheet' },
    h('h2', {}, area, ' ', t('nt.sheetTitle', { month: list.month })),
    h('p', {}, t('nt.sheetNote')),
    h('h3', {}, t('nt.grants')),
    grants,
    h('h3', {}, t('nt.emergency')),
    emergency,
    h('p', { class: 'small' }, t('nt.footer')),
  );
}

/** 公示: pick an area (county, township or village) and a month, preview the notice, print it on A4 or download it as CSV. */
export function noticesPage(container) {
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const area = h('input', { type: 'text', name: 'area', size: 14, placeholder: '330502001001', required: true });
  const month = h('input', { type: 'month', name: 'month', value: lastMonth(), required: true });
  const csv = h('a', { class: 'button', 'data-test': 'csv', download: 'notice.csv', hidden: true }, t('nt.csv'));
  const print = h(
    'button',
    { type: 'button', 'data-action': 'print', hidden: true, onclick: () => window.print() },
    t('nt.print'),
  );
  const preview = h('div', { 'data-test': 'notice-preview' });
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'notice-form' },
    h('label', {}, t('nt.area'), area),
    h('label', {}, t('nt.month'), month),
    h('button', { type: 'submit' }, t('nt.make')),
    print,
    csv,
  );
  replaceChildren(
    container,
    h('h2', { class: 'no-print' }, t('nt.title')),
    h('p', { class: 'muted no-print' }, t('nt.note')),
    form,
    flash,
    preview,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    flashMessage(flash, '');
    const q = new URLSearchParams({ area: area.value.trim(), month: month.value }).toString();
    try {
      await loadRegions();
      const list = await get(`/api/notices?${q}`);
      replaceChildren(preview, noticeSheet(list));
      csv.setAttribute('href', `/api/notices/export.csv?${q}`);
      csv.hidden = false;
      print.hidden = false;
    } catch (e) {
      replaceChildren(preview);
      flashMessage(flash, errorText(e), 'error');
    }
  });
}
