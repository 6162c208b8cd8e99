import { h } from '../dom.js';
import { t } from '../i18n.js';

/** A Kafka message as the API gives it: masked value, header texts, key. */
export function messageView(message) {
  const value = message.value;
  const body =
    value.format === 'json'
      ? JSON.stringify(value.value, null, 2)
      : value.format === 'text'
        ? value.value
        : value.format === 'binary'
          ? t('topics.binary', { n: value.bytes })
          : t('topics.empty');
  return h(
    'div',
    { class: 'message', 'data-test': 'message' },
    h('p', { class: 'muted' }, t('masked.note')),
    h('dl', {}, h('dt', {}, t('topics.key')), h('dd', {}, message.key ?? '—')),
    h('h4', {}, t('topics.headers')),
    h(
      'table',
      { class: 'compact headers' },
      h(
        'tbody',
        {},
        message.headers.map((x) => h('tr', {}, h('th', {}, x.name), h('td', {}, x.value))),
      ),
    ),
    h('h4', {}, t('topics.value')),
    h('pre', { class: 'value', 'data-test': 'message-value' }, body),
  );
}
