import { get, post, whenUnauthorized } from './api.js';
import { h, replaceChildren } from './dom.js';
import { currentLanguage, setLanguage, t } from './i18n.js';
import { deadLettersPage } from './pages/dead-letters.js';
import { feedsPage } from './pages/feeds.js';
import { loginPage } from './pages/login.js';
import { passwordPage } from './pages/password.js';
import { reviewsPage } from './pages/reviews.js';
import { alertsPage } from './pages/alerts.js';
import { recoveryPage } from './pages/recovery.js';
import { noticesPage } from './pages/notices.js';
import { statisticsPage } from './pages/statistics.js';
import { peoplePage } from './pages/people.js';
import { auditPage } from './pages/audit.js';
import { topicsPage } from './pages/topics.js';
import { usersPage } from './pages/users.js';

/** Pages by hash route, with the roles that may open them (the API checks again on every call). */
const PAGES = {
  feeds: { label: 'nav.feeds', roles: ['admin', 'department'], render: feedsPage },
  topics: { label: 'nav.topics', roles: ['admin', 'department'], render: topicsPage },
  'dead-letters': { label: 'nav.deadLetters', roles: ['admin', 'department'], render: deadLettersPage },
  reviews: { label: 'nav.reviews', roles: ['reviewer'], render: reviewsPage },
  alerts: { label: 'nav.alerts', roles: ['reviewer', 'admin', 'auditor'], render: alertsPage },
  recovery: { label: 'nav.recovery', roles: ['reviewer', 'admin', 'auditor'], render: recoveryPage },
  notices: { label: 'nav.notices', roles: ['reviewer', 'admin', 'auditor'], render: noticesPage },
  statistics: { label: 'nav.statistics', roles: ['reviewer', 'admin', 'auditor'], render: statisticsPage },
  people: { label: 'nav.people', roles: ['reviewer'], render: peoplePage },
  audit: { label: 'nav.audit', roles: ['auditor', 'admin'], render: auditPage },
  users: { label: 'nav.users', roles: ['admin'], render: usersPage },
};

const state = { user: null, leave: null };

const page = () => document.getElementById('page');
const top = () => document.getElementById('top');

function route() {
  const name = location.hash.replace(/^#\/?/, '').split('?')[0];
  return name || 'feeds';
}

function navigate(name) {
  if (location.hash === `#/${name}`) render();
  else location.hash = `#/${name}`;
}

function renderTop() {
  const bar = top();
  if (!state.user) {
    bar.hidden = true;
    return;
  }
  bar.hidden = false;
  const current = route();
  const links = Object.entries(PAGES)
    .filter(([, p]) => p.roles.includes(state.user.role) && !state.user.mustChangePassword)
    .map(([name, p]) =>
      h('a', { href: `#/${name}`, class: name === current ? 'active' : undefined, 'data-nav': name }, t(p.label)),
    );
  const who = `${state.user.username} · ${t(`role.${state.user.role}`)}${state.user.department ? ` · ${t(`dept.${state.user.department}`)}` : ''}`;
  replaceChildren(
    bar,
    h('div', { class: 'brand' }, h('strong', {}, t('app.title')), h('span', {}, t('app.console'))),
    h('nav', {}, links),
    h(
      'div',
      { class: 'session' },
      h('span', { class: 'who', 'data-test': 'who' }, who),
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          'data-test': 'language',
          onclick: () => {
            setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh');
            render();
          },
        },
        t('nav.language'),
      ),
      h('button', { type: 'button', class: 'link', 'data-test': 'logout', onclick: logout }, t('nav.logout')),
    ),
  );
}

async function logout() {
  await post('/api/auth/logout').catch(() => undefined);
  state.user = null;
  navigate('login');
}

async function render() {
  state.leave?.();
  state.leave = null;
  document.title = `${t('app.title')} · ${t('app.console')}`;
  const name = route();
  if (!state.user) {
    renderTop();
    replaceChildren(
      page(),
      loginPage({
        onLoggedIn: (user) => {
          state.user = user;
          navigate(user.mustChangePassword ? 'password' : 'feeds');
        },
      }),
    );
    return;
  }
  if (state.user.mustChangePassword || name === 'password') {
    if (name !== 'password') return navigate('password');
    renderTop();
    replaceChildren(
      page(),
      passwordPage({
        user: state.user,
        onChanged: (user) => {
          state.user = user;
          navigate('feeds');
        },
      }),
    );
    return;
  }
  const target =
    PAGES[name] && PAGES[name].roles.includes(state.user.role)
      ? name
      : Object.keys(PAGES).find((p) => PAGES[p].roles.includes(state.user.role));
  if (!target) {
    renderTop();
    replaceChildren(
      page(),
      h('p', { class: 'notice', 'data-test': 'no-pages' }, t('home.none', { role: t(`role.${state.user.role}`) })),
    );
    return;
  }
  if (target !== name) return navigate(target);
  renderTop();
  const container = h('section', { class: `page page-${name}`, 'data-page': name });
  replaceChildren(page(), container);
  state.leave = PAGES[name].render(container, { user: state.user }) ?? null;
}

async function start() {
  setLanguage(currentLanguage());
  whenUnauthorized(() => {
    if (state.user) {
      state.user = null;
      render();
    }
  });
  state.user = await get('/api/auth/me').catch(() => null);
  window.addEventListener('hashchange', render);
  render();
}

start();
