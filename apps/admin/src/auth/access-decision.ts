import { Role, SessionUser } from './roles';

/** What a route declares about who may call it, read from its decorators. */
export interface RouteAccess {
  public: boolean;
  roles?: readonly Role[];
  allowPendingPasswordChange: boolean;
}

export type AccessDecision =
  | { allow: true }
  | {
      allow: false;
      status: 401 | 403;
      code: 'NO_SESSION' | 'PASSWORD_CHANGE_REQUIRED' | 'ROLE_NOT_ALLOWED' | 'ROUTE_DECLARES_NO_ROLES';
    };

/**
 * Who may call a route. Order matters: public routes need nothing; otherwise a live session first
 * (401 without), then a route that declares no roles refuses everyone (deny by default: a route
 * someone forgot to declare is closed, not open), then the role, then a pending password change (so a
 * user whose role may not call the route hears that, not to change their password first).
 */
export function decideAccess(route: RouteAccess, user: SessionUser | undefined): AccessDecision {
  if (route.public) return { allow: true };
  if (!user) return { allow: false, status: 401, code: 'NO_SESSION' };
  if (!route.roles || route.roles.length === 0) return { allow: false, status: 403, code: 'ROUTE_DECLARES_NO_ROLES' };
  if (!route.roles.includes(user.role)) return { allow: false, status: 403, code: 'ROLE_NOT_ALLOWED' };
  if (user.mustChangePassword && !route.allowPendingPasswordChange)
    return { allow: false, status: 403, code: 'PASSWORD_CHANGE_REQUIRED' };
  return { allow: true };
}
