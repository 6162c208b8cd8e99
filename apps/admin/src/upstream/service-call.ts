import { BadGatewayException, BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { serviceTokenHeaders } from '@hub/runtime';

/**
 * One HTTP call to another service of the hub (the admin reads them over HTTP, never their tables).
 * Their 400, 404 and 409 pass through with their message; a service that does not answer, or answers
 * anything else, is the gateway's fault (502), never a 500 of the admin's own. Every call carries the
 * service token (HUB_SERVICE_TOKEN): the services answer personal data and decisions to nobody else.
 */
export async function callService<T>(
  service: string,
  upstream: { baseUrl: string; token: string | undefined },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${upstream.baseUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(10_000),
      headers: {
        accept: 'application/json',
        ...serviceTokenHeaders(upstream.token),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new BadGatewayException(`the ${service} did not answer (${e instanceof Error ? e.name : 'error'})`);
  }
  const answer = (await response.json().catch(() => ({}))) as { message?: string | string[] };
  const message = `the ${service}: ${[answer.message ?? response.statusText].flat().join('; ')}`;
  if (response.status === 400) throw new BadRequestException(message);
  if (response.status === 404) throw new NotFoundException(message);
  if (response.status === 409) throw new ConflictException(message);
  // 401: this admin's HUB_SERVICE_TOKEN is not the service's; an operator's setting, not the user's request.
  if (!response.ok)
    throw new BadGatewayException(
      `the ${service} answered ${response.status}${response.status === 401 ? ' (HUB_SERVICE_TOKEN differs between the admin and it)' : ''}`,
    );
  return answer as T;
}

/** A query's filters as URL search parameters: those unset or empty are left out. */
export const searchOf = (query: object) =>
  new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)] as [string, string]),
  );

/** The answer, or null where the service says there is no such thing (its 404). */
export function unlessMissing<T>(call: Promise<T>): Promise<T | null> {
  return call.catch((e: unknown) => {
    if (e instanceof NotFoundException) return null;
    throw e;
  });
}
