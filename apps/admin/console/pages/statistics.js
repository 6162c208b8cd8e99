import { get } from '../api.js';
import { barList } from '../chart.js';
import { loadRegions, regionLabel } from '../regions.js';
import { flashMessage, h, replaceChildren } from '../dom.js';
import { errorText, formatYuan, lastMonth, t } from '../i18n.js';

/** One figure as a card: label and number. */
const card = (label, value, test) =>
  h(
    'div',
    { class: 'card', 'data-test': test },
    h('div', { class: 'muted small' }, label),
    h('div', { class: 'figure' }, value),
  );

/** Totals of rows by a key, for the bars. */
function totalsBy(rows, key, value) {
  const totals = new Map();
  for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0) + value(r));
  return [...totals].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
}

function dashboard(stats) {
  const persons = stats.assisted.reduce((n, a) => n + a.persons, 0);
  const amount = stats.assisted.reduce((n, a) => n + a.amountFen, 0);
  const share = stats.applications.onTimeShare === null ? '—' : `${(stats.applications.onTimeShare * 100).toFixed(1)}%`;
  return h(
    'div',
    { 'data-test': 'dashboard' },
    h(
      'div',
      { class: 'cards' },
      card(t('st.persons'), persons, 'st-persons'),
      card(t('st.amount'), formatYuan(amount), 'st-amount'),
      card(t('st.duplicates'), stats.duplicates.found, 'st-duplicates'),
      card(t('st.recovered'), formatYuan(stats.duplicates.recoveredFen), 'st-recovered'),
      card(t('st.omissions'), `${stats.omissions.fulfilled} / ${stats.omissions.found}`, 'st-omissions'),
      card(t('st.daysToFulfil'), stats.omissions.averageDaysToFulfil ?? '—', 'st-days'),
      card(t('st.onTime'), share, 'st-on-time'),
    ),
    h(
      'div',
      { class: 'split' },
      h(
        'section',
        {},
        h('h3', {}, t('st.personsByProgram')),
        barList(
          totalsBy(
            stats.assisted,
            (a) => a.programName,
            (a) => a.persons,
          ),
          { empty: t('st.none') },
        ),
      ),
      h(
        'section',
        {},
        h('h3', {}, t('st.amountByRegion')),
        barList(
          totalsBy(
            stats.assisted,
            (a) => a.township ?? regionLabel(a.regionCode),
            (a) => Math.round(a.amountFen / 100),
          ),
          { empty: t('st.none') },
        ),
      ),
    ),
    h('h3', {}, t('st.feeds')),
    h(
      'table',
      { class: 'list', 'data-test': 'st-departments' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            t('al.department'),
            t('st.accepted'),
            t('st.flagged'),
            t('st.deadLetters'),
            t('st.sentToReview'),
            t('st.grants'),
            t('st.statuses'),
            t('st.applications'),
            t('st.topFlags'),
          ].map((x) => h('th', {}, x)),
        ),
      ),
      h(
        'tbody',
        {},
        stats.departments.map((d) =>
          h(
            'tr',
            { 'data-department': d.department },
            h('td', {}, t(`dept.${d.department}`)),
            h('td', { class: 'number' }, d.accepted ?? 0),
            // The share of flagged events beside their number: what a department should fix first.
            h(
              'td',
              { class: 'number' },
              d.accepted ? `${d.flagged} (${((d.flagged / d.accepted) * 100).toFixed(1)}%)` : (d.flagged ?? 0),
            ),
            h('td', { class: 'number' }, d.deadLetters ?? 0),
            h('td', { class: 'number' }, d.sentToReview ?? 0),
            h('td', { class: 'number' }, d.grants),
            h('td', { class: 'number' }, d.statuses),
            h('td', { class: 'number' }, d.applications),
            h(
              'td',
              { class: 'small' },
              Object.entries(d.flags ?? {})
                .sort(([, a], [, b]) => b - a)
                .slice(0, 3)
                .map(([flag, n]) => `${flag} ${n}`)
                .join(' · '),
            ),
          ),
        ),
      ),
    ),
  );
}

/** 统计与报送: a month's figures for the leading group's joint meeting, as cards and bars; the report as Excel. */
export function statisticsPage(container) {
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const month = h('input', { type: 'month', name: 'month', value: lastMonth(), required: true });
  const excel = h('a', { class: 'button', 'data-test': 'excel', hidden: true }, t('st.excel'));
  const body = h('div', {});
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'statistics-form' },
    h('label', {}, t('nt.month'), month),
    h('button', { type: 'submit' }, t('st.show')),
    excel,
  );
  replaceChildren(container, h('h2', {}, t('st.title')), h('p', { class: 'muted' }, t('st.note')), form, flash, body);

  const load = async () => {
    flashMessage(flash, '');
    try {
      await loadRegions();
      const stats = await get(`/api/statistics?month=${encodeURIComponent(month.value)}`);
      replaceChildren(body, dashboard(stats));
      excel.setAttribute('href', `/api/statistics/report.xlsx?month=${encodeURIComponent(month.value)}`);
      excel.hidden = false;
    } catch (e) {
      replaceChildren(body);
      flashMessage(flash, errorText(e), 'error');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  load();
}
