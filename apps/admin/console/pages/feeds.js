import { get } from '../api.js';
import { barList, rateChart } from '../chart.js';
import { h, replaceChildren } from '../dom.js';
import { errorText, formatTime, t } from '../i18n.js';

const REFRESH_MS = 5000;

function lagTable(lag) {
  if (lag.length === 0) return h('p', { class: 'muted' }, t('feeds.noLag'));
  return h(
    'table',
    { class: 'compact', 'data-test': 'lag' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('feeds.group')),
        h('th', {}, t('feeds.partition')),
        h('th', { class: 'num' }, t('feeds.lagCount')),
      ),
    ),
    h(
      'tbody',
      {},
      lag.map((l) =>
        h(
          'tr',
          { class: l.lag > 0 ? 'behind' : undefined },
          h('td', {}, l.groupId),
          h('td', {}, l.partition),
          h('td', { class: 'num' }, l.lag),
        ),
      ),
    ),
  );
}

function feedCard(feed) {
  const last = feed.rates.length ? feed.rates[feed.rates.length - 1].eventsPerSecond : 0;
  return h(
    'article',
    { class: 'card feed', 'data-department': feed.department },
    h('header', {}, h('h3', {}, t(`dept.${feed.department}`)), h('span', { class: 'topic' }, feed.topic)),
    feed.exists ? null : h('p', { class: 'notice' }, t('feeds.noTopic')),
    h(
      'div',
      { class: 'figures' },
      h(
        'div',
        {},
        h('span', { class: 'figure', 'data-test': 'rate-now' }, last),
        h('span', { class: 'muted' }, t('feeds.rate')),
      ),
      h('div', {}, h('span', { class: 'figure' }, feed.messages), h('span', { class: 'muted' }, t('feeds.messages'))),
      h(
        'div',
        {},
        h(
          'span',
          { class: 'figure small', 'data-test': 'last-event' },
          feed.lastEventAt ? formatTime(feed.lastEventAt) : t('feeds.never'),
        ),
        h('span', { class: 'muted' }, t('feeds.lastEvent')),
      ),
    ),
    rateChart(feed.rates, { label: `${t(`dept.${feed.department}`)} ${t('feeds.rate')}`, empty: t('feeds.notEnough') }),
    h('h4', {}, t('feeds.lag')),
    lagTable(feed.lag),
    h('h4', {}, t('feeds.deadLetters')),
    barList(
      feed.deadLetters.map((d) => ({ name: d.errorCode, count: d.count })),
      { empty: t('feeds.noDeadLetters') },
    ),
  );
}

/** One card per department (a department user: its own), refreshed every few seconds while open. */
export function feedsPage(container) {
  const status = h('p', { class: 'muted' });
  const grid = h('div', { class: 'feeds-grid' });
  replaceChildren(container, h('h2', {}, t('feeds.title')), h('p', { class: 'muted' }, t('masked.note')), status, grid);
  let stopped = false;
  let timer;
  const refresh = async () => {
    try {
      const feeds = await get('/api/feeds');
      if (stopped) return;
      status.textContent = t('feeds.sampled', { s: feeds.sampleSeconds });
      replaceChildren(grid, feeds.departments.map(feedCard));
    } catch (e) {
      if (!stopped) status.textContent = errorText(e);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  };
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
