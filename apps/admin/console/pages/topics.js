import { get } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { errorText, formatTime, t } from '../i18n.js';
import { messageView } from './message-view.js';

/** Topics, their partitions and offsets, and one message by offset (masked). */
export function topicsPage(container) {
  const list = h('div', { class: 'topics' });
  const reader = h('div', { class: 'reader' });
  replaceChildren(container, h('h2', {}, t('topics.title')), h('div', { class: 'split' }, list, reader));

  const read = async (topic, partition, offset) => {
    replaceChildren(reader, h('p', { class: 'muted' }, '…'));
    try {
      const m = await get(
        `/api/topics/${encodeURIComponent(topic)}/partitions/${partition}/messages/${encodeURIComponent(offset)}`,
      );
      replaceChildren(
        reader,
        h('h3', {}, `${m.topic} / ${m.partition} / ${m.offset}`),
        h('p', { class: 'muted' }, `${t('topics.time')}: ${formatTime(m.timestamp)}`),
        messageView(m),
      );
    } catch (e) {
      replaceChildren(reader, h('p', { class: 'error' }, errorText(e)));
    }
  };

  get('/api/topics')
    .then((topics) => {
      replaceChildren(
        list,
        topics.map((topic) => {
          const offset = h('input', { type: 'number', min: 0, class: 'offset', 'aria-label': t('topics.offset') });
          const partition = h(
            'select',
            { 'aria-label': t('feeds.partition') },
            topic.partitions.map((p) => h('option', { value: p.partition }, p.partition)),
          );
          const form = h(
            'form',
            { class: 'inline' },
            h('label', {}, t('feeds.partition'), partition),
            h('label', {}, t('topics.offset'), offset),
            h('button', { type: 'submit' }, t('topics.read')),
          );
          form.addEventListener('submit', (event) => {
            event.preventDefault();
            read(
              topic.topic,
              partition.value,
              offset.value || topic.partitions.find((p) => String(p.partition) === partition.value)?.low || '0',
            );
          });
          return h(
            'article',
            { class: 'card', 'data-topic': topic.topic },
            h(
              'h3',
              {},
              topic.topic,
              topic.department ? h('span', { class: 'muted' }, ` · ${t(`dept.${topic.department}`)}`) : null,
            ),
            h(
              'table',
              { class: 'compact' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, t('feeds.partition')),
                  h('th', { class: 'num' }, t('topics.low')),
                  h('th', { class: 'num' }, t('topics.high')),
                ),
              ),
              h(
                'tbody',
                {},
                topic.partitions.map((p) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, p.partition),
                    h('td', { class: 'num' }, p.low),
                    h('td', { class: 'num' }, p.high),
                  ),
                ),
              ),
            ),
            form,
          );
        }),
      );
    })
    .catch((e) => replaceChildren(list, h('p', { class: 'error' }, errorText(e))));
}
