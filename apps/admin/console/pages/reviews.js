import { get, post } from '../api.js';
import { flashMessage, h, reasonGiven, replaceChildren } from '../dom.js';
import { errorText, formatTime, t } from '../i18n.js';
import { pager } from '../pager.js';

const FIELDS = ['name', 'idNumber', 'birthDate', 'gender', 'phone', 'region'];
/** Which field of a record each piece of evidence (reasons[].field) is about. */
const EVIDENCE_FIELD = {
  name: 'name',
  idNumber: 'idNumber',
  birthDate: 'birthDate',
  gender: 'gender',
  phone: 'phone',
  region: 'region',
};

const sourceLabel = (r) => `${r.source} · ${r.sourcePersonId}`;

/** The record and every record of the proposed person, one column each, a row per identity field. */
function comparison(review) {
  const columns = [review.record, ...review.candidate.records];
  const weightOf = Object.fromEntries(review.reasons.map((r) => [EVIDENCE_FIELD[r.field] ?? r.field, r]));
  return h(
    'table',
    { class: 'list compare', 'data-test': 'compare' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, ''),
        h('th', { class: 'subject' }, t('rv.record'), h('div', { class: 'muted small' }, sourceLabel(review.record))),
        review.candidate.records.map((r) =>
          h(
            'th',
            {},
            t('rv.candidate', { id: review.candidate.personId }),
            h('div', { class: 'muted small' }, sourceLabel(r)),
          ),
        ),
        h('th', {}, t('rv.evidence')),
      ),
    ),
    h(
      'tbody',
      {},
      FIELDS.map((field) => {
        const evidence = weightOf[field];
        return h(
          'tr',
          { 'data-field': field },
          h('th', {}, t(`rv.field.${field}`)),
          columns.map((r) => h('td', {}, r[field] ?? '—')),
          h(
            'td',
            { class: evidence && evidence.weight < 0 ? 'against' : 'for' },
            evidence ? `${evidence.level} ${evidence.weight > 0 ? '+' : ''}${evidence.weight}` : '—',
          ),
        );
      }),
    ),
  );
}

/** The POSSIBLE_MATCH queue: two records side by side with the evidence; same person, different people, or unmask. */
export function reviewsPage(container) {
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const rows = h('tbody', {});
  const detail = h('aside', { class: 'inspector', hidden: true, 'data-test': 'review' });
  const total = h('span', { class: 'muted', 'data-test': 'review-total' });
  const pages = pager(() => load());
  replaceChildren(
    container,
    h('h2', {}, t('rv.title'), ' ', total),
    h('p', { class: 'muted' }, t('masked.note')),
    flash,
    h(
      'div',
      { class: 'split' },
      h(
        'div',
        {},
        h(
          'table',
          { class: 'list', 'data-test': 'reviews' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('rv.id'), t('rv.created'), t('rv.score'), t('rv.record'), t('rv.proposed'), ''].map((x) =>
                h('th', {}, x),
              ),
            ),
          ),
          rows,
        ),
        pages.element,
      ),
      detail,
    ),
  );

  const show = (review, unmasked = false) => {
    const reason = h('input', {
      type: 'text',
      name: 'reason',
      minlength: 5,
      maxlength: 500,
      placeholder: t('rv.reasonHint'),
      'data-test': 'reason',
    });
    const act = async (path, body, done) => {
      const given = reasonGiven(reason, flash);
      if (!given) {
        reason.focus();
        return;
      }
      try {
        const answer = await post(path, { ...body, reason: given });
        flashMessage(flash, '');
        done(answer);
      } catch (e) {
        flashMessage(flash, errorText(e), 'error');
      }
    };
    const decide = (outcome) =>
      act(`/api/reviews/${review.reviewId}/decision`, { outcome }, async () => {
        flashMessage(flash, t(outcome === 'SAME' ? 'rv.linked' : 'rv.different', { id: review.reviewId }));
        detail.hidden = true;
        await load();
      });
    replaceChildren(
      detail,
      h(
        'header',
        {},
        h('h3', {}, `#${review.reviewId} · ${t('rv.score')} ${review.score}`),
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
      unmasked ? h('p', { class: 'notice', 'data-test': 'unmasked' }, t('rv.unmaskedNote')) : null,
      comparison(review),
      h('label', { class: 'block' }, t('rv.reason'), reason),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', 'data-action': 'same', onclick: () => decide('SAME') }, t('rv.same')),
        h(
          'button',
          { type: 'button', 'data-action': 'different', onclick: () => decide('DIFFERENT') },
          t('rv.differentPeople'),
        ),
        unmasked
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'link',
                'data-action': 'unmask',
                onclick: () => act(`/api/reviews/${review.reviewId}/unmask`, {}, (answer) => show(answer, true)),
              },
              t('rv.unmask'),
            ),
      ),
    );
    detail.hidden = false;
  };

  const row = (review) =>
    h(
      'tr',
      { 'data-id': review.reviewId },
      h('td', {}, review.reviewId),
      h('td', {}, formatTime(review.createdAt)),
      h('td', {}, String(review.score)),
      h('td', {}, `${review.record.name} · ${review.record.source}`),
      h('td', {}, review.candidate.personId),
      h(
        'td',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'link', 'data-action': 'open', onclick: () => show(review) },
          t('rv.open'),
        ),
      ),
    );

  async function load() {
    try {
      const page = await get(`/api/reviews?status=OPEN&limit=${pages.pageSize}&offset=${pages.offset}`);
      total.textContent = t('rv.total', { n: page.total });
      replaceChildren(
        rows,
        page.reviews.length
          ? page.reviews.map(row)
          : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, t('rv.none'))),
      );
      pages.show(page.reviews.length, page.total);
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  }

  load();
}
