import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AdminSettings } from '../admin.settings';
import { originAllowed } from './request-origin';
import { securityHeaders } from './security-headers';

/**
 * Security headers on every answer, and the Origin check of state-changing requests, before any route or guard.
 * Mounted first by configureAdminApp (not as a module middleware, which would run after the console's files).
 */
export function adminSecurity(settings: AdminSettings): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    for (const [name, value] of Object.entries(
      securityHeaders(request.path, { tls: settings.ADMIN_MODE === 'production' }),
    ))
      response.setHeader(name, value);
    const allowed = originAllowed(
      { method: request.method, origin: request.headers.origin, host: request.headers.host, secure: request.secure },
      settings.ADMIN_ALLOWED_ORIGINS,
    );
    if (!allowed) {
      response.status(403).json({
        statusCode: 403,
        code: 'ORIGIN_REFUSED',
        message: `requests that change anything must come from the console's own origin, not ${request.headers.origin}`,
      });
      return;
    }
    next();
  };
}
