/** The session cookie's name; its value is the session's random token (only a hash is stored). */
export const SESSION_COOKIE = 'hub_session';

/** The value of one cookie in a Cookie request header, or undefined. No cookie-parser needed for one cookie. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Set-Cookie for a session: HttpOnly (page scripts cannot read it), SameSite=Strict (another site's
 * page cannot send it: no cross-site request forgery), Secure in production (sent over TLS only).
 * maxAgeSeconds 0 deletes it.
 */
export function sessionCookie(token: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
