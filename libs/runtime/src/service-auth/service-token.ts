import { createHash, timingSafeEqual } from 'node:crypto';

/** The header every internal call carries: `Authorization: Bearer <HUB_SERVICE_TOKEN>`. */
export const SERVICE_TOKEN_HEADER = 'authorization';

/** The headers a caller inside the hub (the admin, the local runtime, tests) sends with its token. */
export function serviceTokenHeaders(token: string | undefined): Record<string, string> {
  return token ? { [SERVICE_TOKEN_HEADER]: `Bearer ${token}` } : {};
}

/**
 * Pure: whether an Authorization header carries the expected token. Compared in constant time over hashes
 * (equal lengths whatever was sent); no token configured lets nothing through.
 */
export function presentsServiceToken(header: string | string[] | undefined, expected: string | undefined): boolean {
  if (!expected || typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
