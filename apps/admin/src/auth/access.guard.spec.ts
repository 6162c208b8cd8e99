import { Controller, ExecutionContext, ForbiddenException, Get, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditEntry, AuditLog } from '../audit/audit-log';
import { AllowPendingPasswordChange, Public, Roles } from './access.decorators';
import { AccessGuard } from './access.guard';
import { Role, SessionUser } from './roles';
import { SessionStore } from './session-store';

@Controller('sample')
@Roles('auditor')
class SampleController {
  @Get('class-roles') classRoles() {}
  @Get('method-roles') @Roles('reviewer') methodRoles() {}
  @Get('open') @Public() open() {}
  @Get('pending') @AllowPendingPasswordChange() pending() {}
}

@Controller('bare')
class BareController {
  @Get() undeclared() {}
}

const user = (role: Role, mustChangePassword = false): SessionUser => ({
  userId: '7',
  sessionId: '9',
  username: `u-${role}`,
  role,
  department: null,
  mustChangePassword,
});

describe('access guard', () => {
  const audited: AuditEntry[] = [];
  let session: SessionUser | undefined;
  let tokens: (string | undefined)[];
  const sessions = {
    resolve: async (token?: string) => (tokens.push(token), token === 'good' ? session : undefined),
  } as unknown as SessionStore;
  const audit = { record: async (e: AuditEntry) => (audited.push(e), '1') } as unknown as AuditLog;
  const guard = new AccessGuard(new Reflector(), sessions, audit);

  const call = (controller: object, handler: string, cookie?: string) => {
    const request: Record<string, unknown> = {
      headers: cookie ? { cookie } : {},
      method: 'GET',
      path: `/x/${handler}`,
      ip: '127.0.0.1',
    };
    const context = {
      getType: () => 'http',
      getHandler: () => (controller as { prototype: Record<string, unknown> }).prototype[handler],
      getClass: () => controller,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    return { result: guard.canActivate(context), request };
  };

  beforeEach(() => {
    audited.length = 0;
    tokens = [];
    session = undefined;
  });

  it('opens a public route without looking for a session', async () => {
    await expect(call(SampleController, 'open').result).resolves.toBe(true);
    expect(tokens).toEqual([]);
  });

  it('answers 401 without a live session', async () => {
    await expect(call(SampleController, 'classRoles').result).rejects.toThrow(UnauthorizedException);
    await expect(call(SampleController, 'classRoles', 'hub_session=stale').result).rejects.toThrow(
      UnauthorizedException,
    );
    expect(tokens).toEqual([undefined, 'stale']);
  });

  it("applies the controller's roles, overridden by a method's own", async () => {
    session = user('auditor');
    const allowed = call(SampleController, 'classRoles', 'hub_session=good');
    await expect(allowed.result).resolves.toBe(true);
    expect(allowed.request.user).toBe(session);
    await expect(call(SampleController, 'methodRoles', 'hub_session=good').result).rejects.toThrow(ForbiddenException);
    session = user('reviewer');
    await expect(call(SampleController, 'methodRoles', 'hub_session=good').result).resolves.toBe(true);
    await expect(call(SampleController, 'classRoles', 'hub_session=good').result).rejects.toThrow(ForbiddenException);
  });

  it('refuses everyone on a route without roles, and audits the refusal', async () => {
    session = user('admin');
    await expect(call(BareController, 'undeclared', 'hub_session=good').result).rejects.toThrow(ForbiddenException);
    expect(audited).toEqual([
      expect.objectContaining({
        username: 'u-admin',
        action: 'access.refused',
        detail: { code: 'ROUTE_DECLARES_NO_ROLES' },
      }),
    ]);
  });

  it('holds a user with a one-time password to the routes that allow it', async () => {
    session = user('auditor', true);
    await expect(call(SampleController, 'classRoles', 'hub_session=good').result).rejects.toThrow(ForbiddenException);
    await expect(call(SampleController, 'pending', 'hub_session=good').result).resolves.toBe(true);
  });
});
