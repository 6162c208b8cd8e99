import { get } from '../api.js';
import { flashMessage, h, replaceChildren } from '../dom.js';
import { errorText, formatTime, t } from '../i18n.js';

/** The audit log, newest first: who did what to whom (read-only for everyone; the database refuses edits). */
export function auditPage(container) {
  const flash = h('p', { class: 'flash', role: 'status' });
  const rows = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, t('dl.more'));
  const username = h('input', { type: 'text', name: 'username', size: 16 });
  const action = h('input', { type: 'text', name: 'action', size: 20, placeholder: 'person.unmasked' });
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'audit-filters' },
    h('label', {}, t('au.username'), username),
    h('label', {}, t('au.action'), action),
    h('button', { type: 'submit' }, t('dl.filter')),
  );
  replaceChildren(
    container,
    h('h2', {}, t('au.title')),
    h('p', { class: 'muted' }, t('au.note')),
    form,
    flash,
    h(
      'table',
      { class: 'list', 'data-test': 'audit' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('au.at'), t('au.username'), t('au.role'), t('au.action'), t('au.target'), t('au.detail'), 'IP'].map((x) =>
            h('th', {}, x),
          ),
        ),
      ),
      rows,
    ),
    more,
  );

  async function load(beforeSeq) {
    const q = new URLSearchParams({ limit: '100' });
    if (username.value.trim()) q.set('username', username.value.trim());
    if (action.value.trim()) q.set('action', action.value.trim());
    if (beforeSeq) q.set('beforeSeq', beforeSeq);
    try {
      const page = await get(`/api/audit?${q}`);
      if (!beforeSeq) replaceChildren(rows);
      rows.append(
        ...page.entries.map((e) =>
          h(
            'tr',
            { 'data-action': e.action },
            h('td', {}, formatTime(e.at)),
            h('td', {}, e.username),
            h('td', {}, e.role ? t(`role.${e.role}`) : '—'),
            h('td', {}, h('code', {}, e.action)),
            h('td', {}, e.target ?? ''),
            h('td', { class: 'detail' }, JSON.stringify(e.detail)),
            h('td', {}, e.ip ?? ''),
          ),
        ),
      );
      more.hidden = !page.nextBeforeSeq;
      more.onclick = () => load(page.nextBeforeSeq);
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  load();
}
