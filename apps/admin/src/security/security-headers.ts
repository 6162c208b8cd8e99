import { OPENAPI_UI_PATH } from '../openapi/openapi';

/**
 * The headers every answer of the admin carries (issue 12). The console is plain files of its own origin with
 * no inline script or style, so its policy allows only 'self'; Swagger UI (/api/docs) styles itself inline.
 * No page of the admin may be framed (clickjacking a reviewer's "same person" click). HSTS only where the
 * admin is served behind TLS (production mode, where the session cookie is Secure).
 */
export function securityHeaders(path: string, options: { tls: boolean }): Record<string, string> {
  const swagger = path === `/${OPENAPI_UI_PATH}` || path.startsWith(`/${OPENAPI_UI_PATH}/`);
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    swagger ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.tls ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
