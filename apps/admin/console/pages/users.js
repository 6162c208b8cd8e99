import { get, post } from '../api.js';
import { flashMessage, h, replaceChildren } from '../dom.js';
import { DEPARTMENTS, errorText, formatTime, t } from '../i18n.js';

const ROLES = ['admin', 'reviewer', 'auditor', 'department'];

/**
 * Users of the console, for administrators: create one (a one-time password, shown once), disable or enable, give a
 * new one-time password. Every change is the API's, audited there; the last enabled admin cannot be disabled.
 */
export function usersPage(container, { user: me }) {
  const flash = h('p', { class: 'flash', role: 'status', 'data-test': 'flash' });
  const rows = h('tbody', {});
  // A one-time password is shown here once, to hand over; it is never shown again.
  const handover = h('p', { class: 'notice', hidden: true, 'data-test': 'one-time-password' });
  const input = {
    username: h('input', {
      type: 'text',
      name: 'username',
      required: true,
      size: 16,
      placeholder: 'wang.reviewer',
      pattern: '[a-z][a-z0-9._-]{1,63}',
    }),
    displayName: h('input', {
      type: 'text',
      name: 'displayName',
      required: true,
      size: 12,
      maxlength: 100,
      placeholder: '王审核',
    }),
    role: h(
      'select',
      { name: 'role' },
      ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))),
    ),
    department: h(
      'select',
      { name: 'department' },
      DEPARTMENTS.map((d) => h('option', { value: d }, t(`dept.${d}`))),
    ),
  };
  const departmentLabel = h('label', { hidden: true }, t('us.department'), input.department);
  input.role.addEventListener('change', () => {
    departmentLabel.hidden = input.role.value !== 'department';
  });
  const form = h(
    'form',
    { class: 'filters inline', 'data-test': 'user-create' },
    h('label', {}, t('us.username'), input.username),
    h('label', {}, t('us.displayName'), input.displayName),
    h('label', {}, t('us.role'), input.role),
    departmentLabel,
    h('button', { type: 'submit' }, t('us.create')),
  );
  replaceChildren(
    container,
    h('h2', {}, t('us.title')),
    h('p', { class: 'muted' }, t('us.note')),
    form,
    flash,
    handover,
    h(
      'table',
      { class: 'list', 'data-test': 'users' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            t('us.username'),
            t('us.displayName'),
            t('us.role'),
            t('us.department'),
            t('us.state'),
            t('us.passwordChangedAt'),
            '',
          ].map((x) => h('th', {}, x)),
        ),
      ),
      rows,
    ),
  );

  const showPassword = (username, password) => {
    handover.hidden = false;
    replaceChildren(handover, t('us.oneTime', { username }), ' ', h('code', { 'data-test': 'password' }, password));
  };
  const act = async (path, done) => {
    try {
      const answer = await post(path);
      await done(answer);
      await load();
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  };
  const row = (u) =>
    h(
      'tr',
      { 'data-username': u.username, 'data-disabled': String(u.disabled) },
      h('td', {}, h('code', {}, u.username)),
      h('td', {}, u.displayName),
      h('td', {}, t(`role.${u.role}`)),
      h('td', {}, u.department ? t(`dept.${u.department}`) : '—'),
      h('td', {}, u.disabled ? t('us.disabled') : u.mustChangePassword ? t('us.mustChange') : t('us.active')),
      h('td', {}, u.passwordChangedAt ? formatTime(u.passwordChangedAt) : '—'),
      h(
        'td',
        { class: 'actions' },
        u.username === me.username
          ? null
          : u.disabled
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  'data-action': 'enable',
                  onclick: () =>
                    act(`/api/users/${encodeURIComponent(u.username)}/enable`, () =>
                      flashMessage(flash, t('us.enabled', { username: u.username })),
                    ),
                },
                t('us.enable'),
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'link danger',
                  'data-action': 'disable',
                  onclick: () =>
                    act(`/api/users/${encodeURIComponent(u.username)}/disable`, () =>
                      flashMessage(flash, t('us.disabledNow', { username: u.username })),
                    ),
                },
                t('us.disable'),
              ),
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-action': 'reset',
            onclick: () =>
              act(`/api/users/${encodeURIComponent(u.username)}/password-reset`, (r) => {
                flashMessage(flash, t('us.reset', { username: u.username }));
                showPassword(u.username, r.temporaryPassword);
              }),
          },
          t('us.resetPassword'),
        ),
      ),
    );

  async function load() {
    try {
      const users = await get('/api/users');
      replaceChildren(rows, users.map(row));
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      username: input.username.value.trim(),
      displayName: input.displayName.value.trim(),
      role: input.role.value,
    };
    if (body.role === 'department') body.department = input.department.value;
    try {
      const created = await post('/api/users', body);
      flashMessage(flash, t('us.created', { username: created.user.username }));
      showPassword(created.user.username, created.temporaryPassword);
      form.reset();
      departmentLabel.hidden = true;
      await load();
    } catch (e) {
      flashMessage(flash, errorText(e), 'error');
    }
  });
  load();
}
