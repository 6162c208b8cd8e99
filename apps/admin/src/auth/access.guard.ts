import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditLog } from '../audit/audit-log';
import { PENDING_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { AccessDecision, RouteAccess, decideAccess } from './access-decision';
import { AdminRequest } from './actor';
import { Role } from './roles';
import { SESSION_COOKIE, readCookie } from './session-cookie';
import { SessionStore } from './session-store';

/** What a handler's decorators (or its controller's) say about access. */
export function routeAccess(reflector: Reflector, targets: Parameters<Reflector['getAllAndOverride']>[1]): RouteAccess {
  return {
    public: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
    roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    allowPendingPasswordChange: reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, targets) === true,
  };
}

/**
 * The global guard of the admin service: every route passes here. Public routes need nothing; the
 * others a live session (401) and one of the roles the route declares (403); a route that declares
 * none refuses everyone. Refusals of a signed-in user are audited.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const route = routeAccess(this.reflector, [context.getHandler(), context.getClass()]);
    if (route.public) return true;
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const user = await this.sessions.resolve(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (user) request.user = user;
    const decision: AccessDecision = decideAccess(route, user);
    if (decision.allow) return true;
    if (decision.status === 401)
      throw new UnauthorizedException({
        statusCode: 401,
        code: decision.code,
        message: 'log in first (no live session)',
      });
    await this.audit.record({
      username: user!.username,
      role: user!.role,
      action: 'access.refused',
      target: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
      detail: { code: decision.code },
      ip: request.ip ?? null,
    });
    const message =
      decision.code === 'PASSWORD_CHANGE_REQUIRED'
        ? 'change your one-time password first (POST /api/auth/password)'
        : decision.code === 'ROUTE_DECLARES_NO_ROLES'
          ? 'this route is closed: it declares no roles'
          : `role ${user!.role} may not call this route`;
    throw new ForbiddenException({ statusCode: 403, code: decision.code, message });
  }
}
