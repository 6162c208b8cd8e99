import { post } from '../api.js';
import { h } from '../dom.js';
import { currentLanguage, errorText, setLanguage, t } from '../i18n.js';

export function loginPage({ onLoggedIn }) {
  const message = h('p', { class: 'error', role: 'alert', 'data-test': 'login-error' });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    { class: 'card login', 'data-test': 'login-form' },
    h('h1', {}, t('app.title')),
    h('h2', {}, t('login.title')),
    h('label', {}, t('login.username'), username),
    h('label', {}, t('login.password'), password),
    h('button', { type: 'submit' }, t('login.submit')),
    message,
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh');
          form.replaceWith(loginPage({ onLoggedIn }));
        },
      },
      t('nav.language'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      onLoggedIn(await post('/api/auth/login', { username: username.value, password: password.value }));
    } catch (e) {
      message.textContent = e.status === 429 ? t('login.locked') : e.status === 401 ? t('login.failed') : errorText(e);
    }
  });
  return form;
}
