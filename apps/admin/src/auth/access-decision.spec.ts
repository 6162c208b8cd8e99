import { decideAccess, RouteAccess } from './access-decision';
import { Role, SessionUser } from './roles';

const user = (role: Role, mustChangePassword = false): SessionUser => ({
  userId: '1',
  sessionId: '1',
  username: `u-${role}`,
  role,
  department: role === 'department' ? 'health' : null,
  mustChangePassword,
});
const route = (roles?: Role[], extra: Partial<RouteAccess> = {}): RouteAccess => ({
  public: false,
  roles,
  allowPendingPasswordChange: false,
  ...extra,
});

describe('access decision', () => {
  it('lets anyone call a public route, with or without a session', () => {
    expect(decideAccess({ public: true, allowPendingPasswordChange: false }, undefined)).toEqual({ allow: true });
    expect(decideAccess({ public: true, allowPendingPasswordChange: false }, user('department', true))).toEqual({
      allow: true,
    });
  });

  it('answers 401 without a session, whatever the route declares', () => {
    expect(decideAccess(route(['admin']), undefined)).toMatchObject({ allow: false, status: 401 });
    expect(decideAccess(route(undefined), undefined)).toMatchObject({ allow: false, status: 401 });
  });

  it('refuses everyone on a route that declares no roles (deny by default)', () => {
    for (const role of ['admin', 'reviewer', 'auditor', 'department'] as const) {
      expect(decideAccess(route(undefined), user(role))).toEqual({
        allow: false,
        status: 403,
        code: 'ROUTE_DECLARES_NO_ROLES',
      });
      expect(decideAccess(route([]), user(role))).toMatchObject({ allow: false, status: 403 });
    }
  });

  it('allows the declared roles and refuses the others with 403', () => {
    const r = route(['auditor', 'admin']);
    expect(decideAccess(r, user('admin'))).toEqual({ allow: true });
    expect(decideAccess(r, user('auditor'))).toEqual({ allow: true });
    expect(decideAccess(r, user('reviewer'))).toEqual({ allow: false, status: 403, code: 'ROLE_NOT_ALLOWED' });
    expect(decideAccess(r, user('department'))).toEqual({ allow: false, status: 403, code: 'ROLE_NOT_ALLOWED' });
  });

  it('holds a user with a one-time password to the routes that allow it', () => {
    expect(decideAccess(route(['admin']), user('admin', true))).toEqual({
      allow: false,
      status: 403,
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
    expect(decideAccess(route(['admin'], { allowPendingPasswordChange: true }), user('admin', true))).toEqual({
      allow: true,
    });
    // The role still counts on such a route.
    expect(decideAccess(route(['admin'], { allowPendingPasswordChange: true }), user('reviewer', true))).toMatchObject({
      status: 403,
      code: 'ROLE_NOT_ALLOWED',
    });
    // The role is decided before the pending password: a route the role may not call says so.
    expect(decideAccess(route(['admin']), user('reviewer', true))).toEqual({
      allow: false,
      status: 403,
      code: 'ROLE_NOT_ALLOWED',
    });
  });
});
