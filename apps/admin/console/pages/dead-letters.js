import { get, post } from '../api.js';
import { flashMessage, h, replaceChildren } from '../dom.js';
import { DEPARTMENTS, errorText, formatTime, t } from '../i18n.js';
import { messageView } from './message-view.js';

const STATUSES = ['NEW', 'REPLAYED', 'FAILED_AGAIN'];

function statusCell(d) {
  const notes = [];
  if (d.replayOf) notes.push(t('dl.replayOf', { id: d.replayOf }));
  if (d.failedAgainAs) notes.push(t('dl.failedAgainAs', { id: d.failedAgainAs }));
  if (d.lastReplayedAt) notes.push(t('dl.lastReplay', { by: d.lastReplayedBy, at: formatTime(d.lastReplayedAt) }));
  return h(
    'td',
    {},
    h('span', { class: `status status-${d.status}`, 'data-status': d.status }, t(`dl.status.${d.status}`)),
    notes.length ? h('div', { class: 'muted small' }, notes.join(' · ')) : null,
  );
}

/** The inspector of one dead letter: why it was refused, where it came from, the message as sent. */
async function inspectDeadLetter(inspector, d) {
  inspector.hidden = false;
  replaceChildren(inspector, h('p', { class: 'muted' }, '…'));
  try {
    const detail = await get(`/api/dead-letters/${d.id}`);
    replaceChildren(
      inspector,
      h(
        'header',
        {},
        h('h3', {}, `#${detail.id} · ${detail.errorCode}`),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              inspector.hidden = true;
            },
          },
          t('dl.close'),
        ),
      ),
      h('p', {}, detail.errorDetail ?? ''),
      h(
        'p',
        { class: 'muted' },
        `${t('dl.source')}: ${detail.sourceTopic ?? '—'} / ${detail.sourcePartition ?? '—'} / ${detail.sourceOffset ?? '—'}`,
      ),
      messageView(detail),
    );
  } catch (e) {
    replaceChildren(inspector, h('p', { class: 'error' }, errorText(e)));
  }
}

function deadLetterRow(d, { inspect, replay }) {
  return h(
    'tr',
    { 'data-id': d.id, 'data-code': d.errorCode, 'data-status': d.status },
    h('td', {}, d.id),
    h('td', {}, formatTime(d.storedAt)),
    h('td', {}, d.department ? t(`dept.${d.department}`) : '—'),
    h('td', {}, h('code', {}, d.errorCode)),
    h('td', { class: 'detail' }, d.errorDetail ?? ''),
    statusCell(d),
    h(
      'td',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'link', 'data-action': 'inspect', onclick: () => inspect(d) },
        t('dl.inspect'),
      ),
      h('button', { type: 'button', 'data-action': 'replay', onclick: () => replay(d) }, t('dl.replay')),
    ),
  );
}

/** List, filter, inspect and replay dead letters; a department user sees and replays its own. */
export function deadLettersPage(container, { user }) {
  const filters = { department: '', code: '', status: '' };
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const rows = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, t('dl.more'));
  const inspector = h('aside', { class: 'inspector', hidden: true, 'data-test': 'inspector' });
  const replayAll = h(
    'button',
    { type: 'button', class: 'danger', hidden: true, 'data-test': 'replay-all' },
    t('dl.replayAll'),
  );
  const codes = h('select', { name: 'code' }, h('option', { value: '' }, t('dl.all')));
  const department =
    user.role === 'department'
      ? null
      : h(
          'select',
          { name: 'department' },
          h('option', { value: '' }, t('dl.all')),
          DEPARTMENTS.map((d) => h('option', { value: d }, t(`dept.${d}`))),
        );
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, t('dl.all')),
    STATUSES.map((s) => h('option', { value: s }, t(`dl.status.${s}`))),
  );
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'dl-filters' },
    department ? h('label', {}, t('dl.department'), department) : null,
    h('label', {}, t('dl.code'), codes),
    h('label', {}, t('dl.status'), status),
    h('button', { type: 'submit' }, t('dl.filter')),
    replayAll,
  );
  replaceChildren(
    container,
    h('h2', {}, t('dl.title')),
    h('p', { class: 'muted' }, t('masked.note')),
    form,
    flash,
    h(
      'div',
      { class: 'split' },
      h(
        'div',
        {},
        h(
          'table',
          { class: 'list', 'data-test': 'dead-letters' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('dl.id'), t('dl.time'), t('dl.department'), t('dl.code'), t('dl.detail'), t('dl.status'), ''].map(
                (x) => h('th', {}, x),
              ),
            ),
          ),
          rows,
        ),
        more,
      ),
      inspector,
    ),
  );

  const query = (beforeId) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    if (beforeId) q.set('beforeId', beforeId);
    return q.toString();
  };

  const loadCodes = async () => {
    const counts = await get(
      `/api/dead-letters/counts${filters.department ? `?department=${filters.department}` : ''}`,
    );
    const known = [...new Set(counts.map((c) => c.errorCode))].sort();
    replaceChildren(
      codes,
      h('option', { value: '' }, t('dl.all')),
      known.map((c) => h('option', { value: c, selected: c === filters.code }, c)),
    );
  };

  const replayOne = async (d) => {
    if (!confirm(t('dl.replayConfirm', { id: d.id }))) return;
    try {
      const r = await post(`/api/dead-letters/${d.id}/replay`);
      flashMessage(flash, t('dl.replayed', { n: r.replayed }));
      await load();
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  };

  // A department user replays its own department's letters; others the department they filtered by.
  const replayDepartment = () => (user.role === 'department' ? user.department : filters.department);
  const inspect = (d) => inspectDeadLetter(inspector, d);
  const row = (d) => deadLetterRow(d, { inspect, replay: replayOne });

  async function load(beforeId) {
    try {
      const page = await get(`/api/dead-letters?${query(beforeId)}`);
      if (!beforeId) replaceChildren(rows);
      rows.append(...page.entries.map(row));
      if (!beforeId && page.entries.length === 0)
        rows.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('dl.none'))));
      more.hidden = !page.nextBeforeId;
      more.onclick = () => load(page.nextBeforeId);
      replayAll.hidden = !(replayDepartment() && filters.code);
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  }

  replayAll.addEventListener('click', async () => {
    if (!confirm(t('dl.replayAllConfirm', { dept: t(`dept.${replayDepartment()}`), code: filters.code }))) return;
    try {
      const r = await post('/api/dead-letters/replay', { department: replayDepartment(), code: filters.code });
      flashMessage(flash, t('dl.replayed', { n: r.replayed }));
      await load();
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    filters.department = department?.value ?? '';
    filters.code = codes.value;
    filters.status = status.value;
    flashMessage(flash, '');
    await loadCodes();
    await load();
  });

  loadCodes().then(() => load());
}
