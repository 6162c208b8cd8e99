import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { presentsServiceToken, SERVICE_TOKEN_HEADER } from './service-token';

/** Injection token of the configured HUB_SERVICE_TOKEN. */
export const SERVICE_TOKEN = Symbol('HUB_SERVICE_TOKEN');

const OPEN_ROUTE = 'assist-hub:open-route';

/**
 * A route anyone on the network may call: liveness, readiness, Prometheus metrics and service counters,
 * which carry no personal data and are read by supervisors and monitoring without the service token.
 */
export const OpenRoute = (): ClassDecorator & MethodDecorator => SetMetadata(OPEN_ROUTE, true);

/**
 * Every other HTTP route of intake, matcher and detector answers only calls that carry the service token
 * (issue 12): persons, ID numbers, review decisions, unlinking and alert dismissals are the admin's to ask
 * for, on behalf of a user it has authenticated and audits, never anyone's who can reach the port.
 * Kafka request-reply (the pre-payment check on hub.prepayment.check) is not HTTP and not guarded here.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_TOKEN) private readonly token: string | undefined,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(OPEN_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    if (presentsServiceToken(request.headers[SERVICE_TOKEN_HEADER], this.token)) return true;
    throw new UnauthorizedException(
      'this route needs the service token (Authorization: Bearer <HUB_SERVICE_TOKEN>); people use the admin console',
    );
  }
}
