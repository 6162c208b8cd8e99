/** The admin API, with the session cookie the browser keeps (HttpOnly: scripts never see it). */
export class ApiError extends Error {
  constructor(status, body) {
    super(
      typeof body?.message === 'string'
        ? body.message
        : Array.isArray(body?.message)
          ? body.message.join('; ')
          : `HTTP ${status}`,
    );
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => undefined;
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (response.status === 401 && !path.startsWith('/api/auth/login')) onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
