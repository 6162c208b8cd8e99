import { get, post } from '../api.js';
import { flashMessage, h, reasonGiven, replaceChildren } from '../dom.js';
import { errorText, formatYuan, t } from '../i18n.js';

/**
 * `actions.unlink`, when given, offers to take a record away from the person (only where the person has others);
 * `actions.link` to give it to the person whose id the reviewer entered.
 */
const recordsTable = (records, actions = {}) =>
  h(
    'table',
    { class: 'list', 'data-test': 'records' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          t('pp.source'),
          t('rv.field.name'),
          t('rv.field.idNumber'),
          t('rv.field.birthDate'),
          t('rv.field.phone'),
          t('pp.decision'),
          '',
        ].map((x) => h('th', {}, x)),
      ),
    ),
    h(
      'tbody',
      {},
      records.map((r) =>
        h(
          'tr',
          { 'data-source-person': r.sourcePersonId },
          h(
            'td',
            {},
            // 拆分：勾选属于另一人的记录，一次拆出为一个新人员。
            actions.choose && records.length > 1
              ? h('input', {
                  type: 'checkbox',
                  name: 'split',
                  'data-test': 'split-choice',
                  onchange: (e) => actions.choose(r, e.target.checked),
                })
              : null,
            h('code', {}, r.source),
            h('div', { class: 'muted small' }, r.sourcePersonId),
          ),
          h('td', {}, r.name),
          h('td', {}, r.idNumber ?? '—'),
          h('td', {}, r.birthDate ?? '—'),
          h('td', {}, r.phone ?? '—'),
          h('td', {}, r.manual ? `${r.decision} · ${t('pp.manual')}` : r.decision),
          h(
            'td',
            { class: 'actions' },
            actions.unlink && records.length > 1
              ? h(
                  'button',
                  { type: 'button', class: 'link', 'data-action': 'unlink', onclick: () => actions.unlink(r) },
                  t('pp.unlink'),
                )
              : null,
            actions.link
              ? h(
                  'button',
                  { type: 'button', class: 'link', 'data-action': 'link', onclick: () => actions.link(r) },
                  t('pp.link'),
                )
              : null,
          ),
        ),
      ),
    ),
  );

/** Every benefit from every department on one timeline (by period start), then totals per year and program. */
function timeline(account) {
  if (!account) return h('p', { class: 'muted' }, t('pp.noAccount'));
  const benefits = account.benefits ?? [];
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'list', 'data-test': 'timeline' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('pp.period'), t('pp.program'), t('al.department'), t('pp.amount'), t('pp.recovered'), t('pp.benefit')].map(
            (x) => h('th', {}, x),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        benefits.length
          ? benefits.map((b) =>
              h(
                'tr',
                { 'data-program': b.program },
                h('td', {}, `${b.period.start} — ${b.period.end ?? ''}`),
                h('td', {}, b.programName ?? b.program),
                h('td', {}, t(`dept.${b.department}`)),
                h('td', { class: 'number' }, formatYuan(b.amountFen)),
                h(
                  'td',
                  { class: 'number', 'data-test': 'recovered' },
                  b.recoveredFen ? formatYuan(b.recoveredFen) : '—',
                ),
                h(
                  'td',
                  {},
                  h('code', {}, b.benefitId),
                  b.revokedFrom
                    ? h('span', { class: 'muted small' }, ` ${t('pp.revoked', { from: b.revokedFrom })}`)
                    : null,
                ),
              ),
            )
          : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, t('pp.noBenefits'))),
      ),
    ),
    h('h4', {}, t('pp.yearly')),
    h(
      'ul',
      { 'data-test': 'yearly' },
      (account.yearlyTotals ?? []).map((y) =>
        h('li', {}, `${y.year} ${y.programName}: ${y.grants} × · ¥${formatYuan(y.amountFen)}`),
      ),
    ),
    (account.recoveryCases ?? []).length
      ? h(
          'div',
          {},
          h('h4', {}, t('rc.title')),
          h(
            'ul',
            { 'data-test': 'recovery-cases' },
            account.recoveryCases.map((c) =>
              h(
                'li',
                {},
                h('code', {}, c.caseId),
                ` ${t(`rc.status.${c.status}`)} · ${t('rc.due')} ${formatYuan(c.amountDueFen)} · ${t('rc.recovered')} ${formatYuan(c.recoveredFen)}`,
              ),
            ),
          ),
        )
      : null,
    h('h4', {}, t('pp.statuses')),
    h(
      'ul',
      {},
      (account.statuses ?? []).map((s) =>
        h('li', {}, `${s.status} ${s.validFrom ?? ''}${s.validTo ? ` — ${s.validTo}` : ''}`),
      ),
    ),
  );
}

/** One person: records (unmask, unlink and link to another person, with a reason), unified account, household members. */
async function showPerson(detail, flash, personId) {
  replaceChildren(detail, h('p', { class: 'muted' }, '…'));
  try {
    const view = await get(`/api/people/${encodeURIComponent(personId)}`);
    const reason = h('input', { type: 'text', name: 'reason', maxlength: 500, placeholder: t('rv.reasonHint') });
    const unmask = async () => {
      const given = reasonGiven(reason, flash);
      if (!given) return;
      try {
        const person = await post(`/api/people/${encodeURIComponent(personId)}/unmask`, { reason: given });
        flashMessage(flash, t('rv.unmaskedNote'));
        replaceChildren(recordsBox, recordsTable(person.records, { unlink, link, choose }));
      } catch (e) {
        flashMessage(flash, errorText(e), 'error');
      }
    };
    const unlink = async (record) => {
      const given = reasonGiven(reason, flash);
      if (!given) return;
      if (!confirm(t('pp.unlinkConfirm', { record: record.sourcePersonId }))) return;
      try {
        const moved = await post('/api/records/unlink', {
          source: record.source,
          sourcePersonId: record.sourcePersonId,
          reason: given,
        });
        flashMessage(flash, t('pp.unlinked', { record: record.sourcePersonId, person: moved.personId }));
        await showPerson(detail, flash, personId);
      } catch (e) {
        flashMessage(flash, errorText(e), 'error');
      }
    };
    // 合并有误时逐条拆分：先拆出一条另立人员，再把其余记录归入该人员（或归入已有的正确人员）。
    const target = h('input', { type: 'text', name: 'personId', size: 16, maxlength: 100, placeholder: 'P-…' });
    const link = async (record) => {
      const given = reasonGiven(reason, flash);
      if (!given) return;
      const to = target.value.trim();
      if (!to) {
        flashMessage(flash, t('pp.linkTargetNeeded'), 'error');
        target.focus();
        return;
      }
      try {
        const moved = await post('/api/records/link', {
          source: record.source,
          sourcePersonId: record.sourcePersonId,
          personId: to,
          reason: given,
        });
        flashMessage(flash, t('pp.linked', { record: record.sourcePersonId, person: moved.personId }));
        await showPerson(detail, flash, moved.personId);
      } catch (e) {
        flashMessage(flash, errorText(e), 'error');
      }
    };
    // 合并错误时一次拆分：勾选的记录一起拆出为一个新人员。
    const chosen = new Map();
    const choose = (record, on) => {
      const key = `${record.source} ${record.sourcePersonId}`;
      if (on) chosen.set(key, { source: record.source, sourcePersonId: record.sourcePersonId });
      else chosen.delete(key);
    };
    const split = async () => {
      const given = reasonGiven(reason, flash);
      if (!given) return;
      if (chosen.size === 0) {
        flashMessage(flash, t('pp.splitChooseFirst'), 'error');
        return;
      }
      if (!confirm(t('pp.splitConfirm', { n: chosen.size }))) return;
      try {
        const apart = await post('/api/records/split', {
          personId: view.person.personId,
          records: [...chosen.values()],
          reason: given,
        });
        flashMessage(flash, t('pp.splitDone', { n: apart.records.length, person: apart.personId }));
        await showPerson(detail, flash, apart.personId);
      } catch (e) {
        flashMessage(flash, errorText(e), 'error');
      }
    };
    const recordsBox = h('div', {}, recordsTable(view.person.records, { unlink, link, choose }));
    const members = view.household?.members ?? [];
    replaceChildren(
      detail,
      h(
        'h3',
        {},
        `${t('pp.person')} ${view.person.personId}`,
        view.person.householdId
          ? h('span', { class: 'muted' }, ` · ${t('pp.household')} ${view.person.householdId}`)
          : null,
      ),
      view.person.mergedIds.length
        ? h('p', { class: 'muted small' }, t('pp.merged', { ids: view.person.mergedIds.join(', ') }))
        : null,
      h('h4', {}, t('pp.records')),
      recordsBox,
      h(
        'div',
        { class: 'actions' },
        h('label', { class: 'block' }, t('rv.reason'), reason),
        h('label', { class: 'block' }, t('pp.linkTarget'), target),
        h('button', { type: 'button', class: 'link', 'data-action': 'unmask', onclick: unmask }, t('rv.unmask')),
        view.person.records.length > 1
          ? h('button', { type: 'button', class: 'link', 'data-action': 'split', onclick: split }, t('pp.split'))
          : null,
      ),
      h('h4', {}, t('pp.account')),
      timeline(view.account),
      members.length > 1
        ? h(
            'div',
            {},
            h('h4', {}, t('pp.householdMembers')),
            h(
              'ul',
              { 'data-test': 'members' },
              members.map((m) =>
                h(
                  'li',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'link', onclick: () => showPerson(detail, flash, m.personId) },
                    `${m.subject?.name ?? m.personId} (${m.householdRole ?? '—'})`,
                  ),
                  ` · ${(m.benefits ?? []).length} ${t('pp.benefits')}`,
                ),
              ),
            ),
          )
        : null,
    );
  } catch (e) {
    replaceChildren(detail, h('p', { class: 'error' }, errorText(e)));
  }
}

/** People: search by name or ID number; a person's records, unified account and household. */
export function peoplePage(container) {
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const q = h('input', { type: 'search', name: 'q', size: 28, placeholder: t('pp.hint') });
  const results = h('div', { 'data-test': 'people-results' });
  const detail = h('div', { 'data-test': 'person' });
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'people-search' },
    h('label', {}, t('pp.search'), q),
    h('button', { type: 'submit' }, t('pp.find')),
  );
  replaceChildren(
    container,
    h('h2', {}, t('pp.title')),
    h('p', { class: 'muted' }, t('masked.note')),
    form,
    flash,
    results,
    detail,
  );

  const open = (personId) => showPerson(detail, flash, personId);

  // 每次查询编号：先发出的查询后返回时，不得覆盖后一次查询的结果（旧结果曾留在页面上，被当作新结果读）。
  let searches = 0;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const search = ++searches;
    flashMessage(flash, '');
    replaceChildren(detail);
    replaceChildren(results, h('p', { class: 'muted', 'data-test': 'searching' }, '…'));
    try {
      const people = await get(`/api/people?q=${encodeURIComponent(q.value.trim())}`);
      if (search !== searches) return;
      replaceChildren(
        results,
        people.length
          ? h(
              'table',
              { class: 'list', 'data-test': 'people' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  [t('pp.person'), t('rv.field.name'), t('rv.field.idNumber'), t('pp.sources'), ''].map((x) =>
                    h('th', {}, x),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                people.map((p) =>
                  h(
                    'tr',
                    { 'data-id': p.personId },
                    h('td', {}, p.personId),
                    h('td', {}, [...new Set(p.records.map((r) => r.name))].join(' / ')),
                    h('td', {}, [...new Set(p.records.map((r) => r.idNumber).filter(Boolean))].join(' / ') || '—'),
                    h(
                      'td',
                      {},
                      p.records
                        .map((r) => r.source.split('/')[2])
                        .map((d) => t(`dept.${d}`))
                        .join('、'),
                    ),
                    h(
                      'td',
                      { class: 'actions' },
                      h(
                        'button',
                        { type: 'button', class: 'link', 'data-action': 'open', onclick: () => open(p.personId) },
                        t('pp.view'),
                      ),
                    ),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, t('pp.none')),
      );
    } catch (e) {
      if (search !== searches) return;
      replaceChildren(results);
      flashMessage(flash, errorText(e), 'error');
    }
  });
}
