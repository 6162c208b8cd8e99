import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from './roles';
import { SESSION_COOKIE } from './session-cookie';

export const ROLES_KEY = 'assist-hub:roles';
export const PUBLIC_KEY = 'assist-hub:public';
export const PENDING_PASSWORD_KEY = 'assist-hub:pending-password';

/**
 * The roles that may call a route (or every route of a controller). A route with neither this nor
 * @Public() is refused to everyone: access is denied by default (see access.guard.ts).
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    // In the OpenAPI document too, so the console and integrators see who may call what.
    ApiExtension('x-roles', roles),
    ApiCookieAuth(SESSION_COOKIE),
    ApiUnauthorizedResponse({ description: 'no live session' }),
    ApiForbiddenResponse({ description: `allowed to: ${roles.join(', ')}` }),
  );

/** A route anyone may call without a session: log-in, health, readiness, metrics. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/**
 * A route a user who still has to change a one-time password may call (who am I, change password,
 * log out). Every other route refuses such a user until the password is changed.
 */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_KEY, true);
