import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { SessionUser } from './roles';

/** The request as the access guard leaves it: the session's user on routes that need one. */
export type AdminRequest = Request & { user?: SessionUser };

/** Who did something, as the audit log records it. */
export interface Actor {
  username: string;
  role: string | null;
  ip: string | null;
}

/** The session's user on a route with @Roles (the guard has put it there). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionUser => {
  const user = ctx.switchToHttp().getRequest<AdminRequest>().user;
  // The guard runs before any handler; a handler without a user here means a route without @Roles.
  if (!user) throw new Error('CurrentUser on a route without a session');
  return user;
});

/** The acting user and the client address, for the audit log. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AdminRequest>();
  if (!request.user) throw new Error('CurrentActor on a route without a session');
  return { username: request.user.username, role: request.user.role, ip: request.ip ?? null };
});

export const SYSTEM_ACTOR: Actor = { username: 'system', role: null, ip: null };
