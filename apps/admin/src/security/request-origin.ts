/** Methods that change nothing: a page of another site may cause them without harm (cookies are SameSite=Strict too). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Pure: whether a request may change state, judged by its Origin (issue 12). Browsers send Origin with every
 * cross-origin and every state-changing request; one naming another site than the console's is refused, so a
 * page elsewhere cannot make a logged-in reviewer's browser decide a pair or replay dead letters. A request
 * without Origin is not a browser's cross-site request (curl, the API clients of integrators): allowed, it
 * still needs a session. The console's origin is the one the request was addressed to (Host) or one named in
 * ADMIN_ALLOWED_ORIGINS (behind a proxy that rewrites Host).
 */
export function originAllowed(
  request: { method: string; origin?: string; host?: string; secure: boolean },
  allowedOrigins: string[],
): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  if (request.origin === undefined) return true;
  const own = request.host ? [`${request.secure ? 'https' : 'http'}://${request.host.toLowerCase()}`] : [];
  const origin = request.origin.toLowerCase();
  return origin !== 'null' && [...own, ...allowedOrigins.map((o) => o.toLowerCase())].includes(origin);
}
