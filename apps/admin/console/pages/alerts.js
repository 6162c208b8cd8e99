import { get, post } from '../api.js';
import { pager } from '../pager.js';
import { loadRegions, regionLabel } from '../regions.js';
import { flashMessage, h, reasonGiven, replaceChildren } from '../dom.js';
import { DEPARTMENTS, errorText, formatTime, t } from '../i18n.js';

const STATUSES = ['OPEN', 'PROVISIONAL', 'FULFILLED', 'RETRACTED', 'DISMISSED'];
const KINDS = ['DUPLICATE', 'OMISSION'];

/** The inspector of one alert: explanation, evidence, history; a reviewer dismisses an open one with a reason. */
async function showAlert(detail, flash, a, { user, ruleName, reload }) {
  detail.hidden = false;
  replaceChildren(detail, h('p', { class: 'muted' }, '…'));
  try {
    const full = await get(`/api/alerts/${encodeURIComponent(a.alertId)}`);
    const reason = h('input', {
      type: 'text',
      name: 'reason',
      maxlength: 500,
      placeholder: t('al.dismissHint'),
      'data-test': 'dismiss-reason',
    });
    const dismiss = async () => {
      const given = reasonGiven(reason, flash);
      if (!given) return;
      try {
        await post(`/api/alerts/${encodeURIComponent(a.alertId)}/dismiss`, { reason: given });
        flashMessage(flash, t('al.dismissed', { id: a.alertId }));
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
        h('h3', {}, ruleName(full.ruleId), ` · ${t(`al.status.${full.status}`)}`),
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
      h('p', { class: 'explanation', 'data-test': 'explanation' }, full.alert.explanation ?? ''),
      h(
        'p',
        { class: 'muted small' },
        `${full.alertId} · ${t(`al.kind.${full.kind}`)} · ${full.severity}${full.alert.dueAt ? ` · ${t('al.dueAt')} ${formatTime(full.alert.dueAt)}` : ''}`,
      ),
      h('h4', {}, t('al.evidence')),
      h(
        'ul',
        { class: 'evidence', 'data-test': 'evidence' },
        (full.alert.evidence ?? []).map((e) =>
          h(
            'li',
            {},
            h('code', {}, `${e.source} #${e.eventId}`),
            ` ${[e.program, e.benefitId, e.topic !== undefined ? `${e.topic}[${e.partition}]@${e.offset}` : null].filter(Boolean).join(' · ')}`,
          ),
        ),
      ),
      h('h4', {}, t('al.history')),
      h(
        'ul',
        { class: 'history' },
        (full.history ?? []).map((x) => h('li', {}, `${formatTime(x.recorded_at)} ${x.change}`)),
      ),
      full.resolution
        ? h('p', {}, `${t('al.resolution')}: ${full.resolution}${full.reason ? ` — ${full.reason}` : ''}`)
        : null,
      user.role === 'reviewer' && full.status === 'OPEN'
        ? h(
            'div',
            { class: 'actions' },
            h('label', { class: 'block' }, t('al.dismissReason'), reason),
            h(
              'button',
              { type: 'button', class: 'danger', 'data-action': 'dismiss', onclick: dismiss },
              t('al.dismiss'),
            ),
          )
        : null,
    );
  } catch (e) {
    replaceChildren(detail, h('p', { class: 'error' }, errorText(e)));
  }
}

/** Alerts filtered by kind, rule, region, department, status and date; evidence and explanation; dismiss; CSV. */
export function alertsPage(container, { user }) {
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const rows = h('tbody', {});
  const detail = h('aside', { class: 'inspector', hidden: true, 'data-test': 'alert' });
  const select = (name, values, label) =>
    h(
      'select',
      { name },
      h('option', { value: '' }, t('dl.all')),
      values.map((v) => h('option', { value: v }, label(v))),
    );
  const inputs = {
    kind: select('kind', KINDS, (k) => t(`al.kind.${k}`)),
    ruleId: select('ruleId', [], (id) => id),
    region: h('input', { type: 'text', name: 'region', size: 7, placeholder: '330502' }),
    department: select('department', DEPARTMENTS, (d) => t(`dept.${d}`)),
    status: select('status', STATUSES, (s) => t(`al.status.${s}`)),
    from: h('input', { type: 'date', name: 'from' }),
    to: h('input', { type: 'date', name: 'to' }),
  };
  const csv = h('a', { class: 'button', 'data-test': 'csv', download: 'alerts.csv' }, t('al.csv'));
  const pages = pager(() => load());
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'alert-filters' },
    Object.entries(inputs).map(([name, input]) => h('label', {}, t(`al.${name}`), input)),
    h('button', { type: 'submit' }, t('dl.filter')),
    csv,
  );
  replaceChildren(
    container,
    h('h2', {}, t('al.title')),
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
          { class: 'list', 'data-test': 'alerts' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                t('al.detectedAt'),
                t('al.kind'),
                t('al.ruleId'),
                t('al.subject'),
                t('al.region'),
                t('al.status'),
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

  // Rules by their county names (rule pack titles); the id stays on hover. Until they arrive, ids are shown.
  const ruleTitles = new Map();
  const ruleName = (ruleId) =>
    h('span', { class: 'rule', title: ruleId, 'data-test': 'rule-name' }, ruleTitles.get(ruleId) ?? ruleId);
  const rulesLoaded = get('/api/alerts/rules')
    .then((rules) => {
      for (const r of rules) ruleTitles.set(r.id, r.title);
      inputs.ruleId.append(
        ...rules.filter((r) => r.enabled).map((r) => h('option', { value: r.id, title: r.id }, r.title)),
      );
    })
    .catch(() => undefined); // the ids still name the rules

  const query = () => {
    const q = new URLSearchParams();
    for (const [name, input] of Object.entries(inputs)) if (input.value.trim()) q.set(name, input.value.trim());
    return q.toString();
  };

  const show = (a) => showAlert(detail, flash, a, { user, ruleName, reload: load });

  const row = (a) =>
    h(
      'tr',
      { 'data-id': a.alertId, 'data-rule': a.ruleId, 'data-status': a.status },
      h('td', {}, formatTime(a.detectedAt)),
      h('td', {}, t(`al.kind.${a.kind}`)),
      h('td', {}, ruleName(a.ruleId)),
      h('td', {}, a.alert?.subject?.name ?? '—'),
      h('td', {}, regionLabel(a.regionCode)),
      h('td', {}, h('span', { class: `status status-${a.status}` }, t(`al.status.${a.status}`))),
      h(
        'td',
        { class: 'actions' },
        h('button', { type: 'button', class: 'link', 'data-action': 'open', onclick: () => show(a) }, t('rv.open')),
      ),
    );

  async function load() {
    await Promise.all([rulesLoaded, loadRegions()]);
    const q = query();
    csv.setAttribute('href', `/api/alerts/export.csv${q ? `?${q}` : ''}`);
    try {
      pages.fill(rows, await pages.read('/api/alerts', q), row, 7, t('al.none'));
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
