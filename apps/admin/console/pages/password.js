import { post } from '../api.js';
import { h } from '../dom.js';
import { errorText, t } from '../i18n.js';

/** Change one's own password; the only page a user holding a one-time password can open. */
export function passwordPage({ user, onChanged }) {
  const message = h('p', { class: 'error', role: 'alert', 'data-test': 'password-error' });
  const current = h('input', {
    name: 'currentPassword',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = h('input', {
    name: 'newPassword',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 12,
  });
  const repeat = h('input', { name: 'repeatPassword', type: 'password', autocomplete: 'new-password', required: true });
  const form = h(
    'form',
    { class: 'card login', 'data-test': 'password-form' },
    h('h2', {}, t('password.title')),
    user.mustChangePassword ? h('p', { class: 'notice' }, t('password.mustChange')) : null,
    h('label', {}, t('password.current'), current),
    h('label', {}, t('password.new'), next),
    h('label', {}, t('password.repeat'), repeat),
    h('button', { type: 'submit' }, t('password.submit')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    if (next.value !== repeat.value) {
      message.textContent = t('password.mismatch');
      return;
    }
    try {
      onChanged(await post('/api/auth/password', { currentPassword: current.value, newPassword: next.value }));
    } catch (e) {
      message.textContent = errorText(e);
    }
  });
  return form;
}
