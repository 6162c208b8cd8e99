import { get, post } from '../api.js';
import { pager } from '../pager.js';
import { loadRegions, regionLabel } from '../regions.js';
import { flashMessage, h, reasonGiven, replaceChildren } from '../dom.js';
import { DEPARTMENTS, errorText, formatTime, formatYuan, t } from '../i18n.js';

const STATUSES = ['OPEN', 'PARTIAL', 'RECOVERED', 'WAIVED', 'CANCELLED'];

/** Amounts due, recovered, outstanding and waived by department and region: what the finance offices still have to get back. */
function summaryTable(rows) {
  const total = (field) => rows.reduce((sum, r) => sum + (r[field] ?? 0), 0);
  const money = (fen) => h('td', { class: 'number' }, formatYuan(fen));
  return h(
    'table',
    { class: 'list', 'data-test': 'recovery-summary' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          t('al.department'),
          t('al.region'),
          t('rc.cases'),
          t('rc.due'),
          t('rc.recovered'),
          t('rc.outstanding'),
          t('rc.waived'),
        ].map((x) => h('th', {}, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length
        ? rows.map((r) =>
            h(
              'tr',
              { 'data-department': r.department },
              h('td', {}, t(`dept.${r.department}`)),
              h('td', {}, regionLabel(r.regionCode)),
              h('td', { class: 'number' }, r.cases),
              money(r.amountDueFen),
              money(r.recoveredFen),
              money(r.outstandingFen),
              money(r.waivedFen),
            ),
          )
        : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('rc.none'))),
    ),
    rows.length > 1
      ? h(
          'tfoot',
          {},
          h(
            'tr',
            {},
            h('th', { colspan: 2 }, t('rc.total')),
            h('td', { class: 'number' }, total('cases')),
            money(total('amountDueFen')),
            money(total('recoveredFen')),
            money(total('outstandingFen')),
            money(total('waivedFen')),
          ),
        )
      : null,
  );
}

/** One case: why and how much (the basis a case worker can redo by hand), each grant's recoveries; a reviewer waives the rest. */
async function showCase(detail, flash, c, { user, reload }) {
  detail.hidden = false;
  replaceChildren(detail, h('p', { class: 'muted' }, '…'));
  try {
    const full = await get(`/api/recovery/cases/${encodeURIComponent(c.caseId)}`);
    const reason = h('input', {
      type: 'text',
      name: 'reason',
      maxlength: 500,
      placeholder: t('rc.waiveHint'),
      'data-test': 'waive-reason',
    });
    const waive = async () => {
      const given = reasonGiven(reason, flash);
      if (!given) return;
      try {
        await post(`/api/recovery/cases/${encodeURIComponent(c.caseId)}/waive`, { reason: given });
        flashMessage(flash, t('rc.waivedNote', { id: c.caseId }));
        detail.hidden = true;
        await reload();
      } catch (e) {
        flashMessage(flash, errorText(e), 'error');
      }
    };
    replaceChildren(
      detail,
      h(
        'header',
        {},
        h('h3', {}, `${full.caseId} · ${t(`rc.status.${full.status}`)}`),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              detail.hidden = true;
            },
          },
          t('dl.close'),
        ),
      ),
      h(
        'p',
        { class: 'muted small' },
        `${t('rc.alert')} ${full.alertId} · ${t('rc.person')} ${full.personId ?? '—'} · ${t(`dept.${full.department}`)}`,
      ),
      h(
        'p',
        {},
        `${t('rc.due')} ${formatYuan(full.amountDueFen)} · ${t('rc.recovered')} ${formatYuan(full.recoveredFen)} · ${t('rc.outstanding')} ${formatYuan(full.outstandingFen)}`,
      ),
      h('h4', {}, t('rc.basis')),
      h('p', { class: 'explanation', 'data-test': 'basis' }, full.basis),
      h('h4', {}, t('rc.grants')),
      h(
        'ul',
        { 'data-test': 'grants' },
        (full.grants ?? []).map((g) =>
          h(
            'li',
            {},
            h('code', {}, `${g.source} ${g.benefitId}`),
            ` ${t('rc.due')} ${formatYuan(g.dueFen)}`,
            h(
              'ul',
              {},
              g.recoveries.map((r) =>
                h(
                  'li',
                  {},
                  `${formatTime(r.recoveredAt)} ${formatYuan(r.amountFen)}${r.reason ? ` · ${r.reason}` : ''}`,
                ),
              ),
            ),
          ),
        ),
      ),
      full.closeReason
        ? h('p', {}, `${t('rc.closed')}: ${full.closeReason}${full.closedBy ? `（${full.closedBy}）` : ''}`)
        : null,
      user.role === 'reviewer' && ['OPEN', 'PARTIAL'].includes(full.status)
        ? h(
            'div',
            { class: 'actions' },
            h('label', { class: 'block' }, t('rc.waiveReason'), reason),
            h('button', { type: 'button', class: 'danger', 'data-action': 'waive', onclick: waive }, t('rc.waive')),
          )
        : null,
    );
  } catch (e) {
    replaceChildren(detail, h('p', { class: 'error' }, errorText(e)));
  }
}

/** 追回: cases by status, department and region, the amounts still outstanding, each case's basis; waivers. */
export function recoveryPage(container, { user }) {
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const rows = h('tbody', {});
  const summary = h('div', {});
  const detail = h('aside', { class: 'inspector', hidden: true, 'data-test': 'case' });
  const select = (name, values, label) =>
    h(
      'select',
      { name },
      h('option', { value: '' }, t('dl.all')),
      values.map((v) => h('option', { value: v }, label(v))),
    );
  const inputs = {
    status: select('status', STATUSES, (s) => t(`rc.status.${s}`)),
    department: select('department', DEPARTMENTS, (d) => t(`dept.${d}`)),
    region: h('input', { type: 'text', name: 'region', size: 7, placeholder: '330502' }),
  };
  const pages = pager(() => load());
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'recovery-filters' },
    Object.entries(inputs).map(([name, input]) => h('label', {}, t(`rc.${name}`), input)),
    h('button', { type: 'submit' }, t('dl.filter')),
  );
  replaceChildren(
    container,
    h('h2', {}, t('rc.title')),
    h('p', { class: 'muted' }, t('rc.note')),
    summary,
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
          { class: 'list', 'data-test': 'recovery-cases' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                t('rc.openedAt'),
                t('rc.case'),
                t('al.department'),
                t('al.region'),
                t('rc.due'),
                t('rc.recovered'),
                t('rc.status'),
                '',
              ].map((x) => h('th', {}, x)),
            ),
          ),
          rows,
        ),
        pages.element,
      ),
      detail,
    ),
  );

  const query = () => {
    const q = new URLSearchParams();
    for (const [name, input] of Object.entries(inputs)) if (input.value.trim()) q.set(name, input.value.trim());
    return q.toString();
  };
  const show = (c) => showCase(detail, flash, c, { user, reload: load });
  const row = (c) =>
    h(
      'tr',
      { 'data-id': c.caseId, 'data-status': c.status },
      h('td', {}, formatTime(c.openedAt)),
      h('td', {}, h('code', {}, c.caseId)),
      h('td', {}, t(`dept.${c.department}`)),
      h('td', {}, regionLabel(c.regionCode)),
      h('td', { class: 'number' }, formatYuan(c.amountDueFen)),
      h('td', { class: 'number' }, formatYuan(c.recoveredFen)),
      h('td', {}, h('span', { class: `status status-${c.status}` }, t(`rc.status.${c.status}`))),
      h(
        'td',
        { class: 'actions' },
        h('button', { type: 'button', class: 'link', 'data-action': 'open', onclick: () => show(c) }, t('rv.open')),
      ),
    );

  async function load() {
    await loadRegions();
    const q = query();
    try {
      const [cases, totals] = await Promise.all([pages.read('/api/recovery/cases', q), get('/api/recovery/summary')]);
      replaceChildren(summary, summaryTable(totals));
      pages.fill(rows, cases, row, 8, t('rc.none'));
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    flashMessage(flash, '');
    pages.reset();
    load();
  });
  load();
}
