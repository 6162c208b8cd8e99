import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminSettings } from '../admin.settings';
import { AuditLog } from '../audit/audit-log';
import { AdminClock } from '../clock';
import { passwordProblem } from '../users/password-policy';
import { UserStore } from '../users/user-store';
import { Actor } from './actor';
import { SessionView } from './auth.dto';
import { LockoutPolicy, lockedUntil, lockoutWindowStart } from './login-lockout';
import { PasswordCheckGate } from './password-check-gate';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password-hashing';
import { SessionUser } from './roles';
import { SessionStore } from './session-store';

/** One answer for every failed log-in: which part was wrong, or whether the user exists, is not told. */
const LOGIN_REFUSED = 'wrong user name or password';

type LoginOutcome =
  | { kind: 'locked'; until: Date }
  | { kind: 'busy' }
  | { kind: 'refused' }
  | { kind: 'signed-in'; token: string; user: NonNullable<Awaited<ReturnType<UserStore['byUsername']>>> };

const latest = (...times: (Date | undefined)[]): Date | undefined =>
  times.reduce<Date | undefined>((a, b) => (!b ? a : !a || b > a ? b : a), undefined);

@Injectable()
export class AuthService {
  private readonly lockout: LockoutPolicy;
  private readonly addressLockout: LockoutPolicy;
  private readonly passwordChecks: PasswordCheckGate;

  constructor(
    private readonly db: DataSource,
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    private readonly clock: AdminClock,
    settings: AdminSettings,
  ) {
    this.lockout = { failures: settings.ADMIN_LOCKOUT_FAILURES, minutes: settings.ADMIN_LOCKOUT_MINUTES };
    this.addressLockout = {
      failures: settings.ADMIN_LOCKOUT_ADDRESS_FAILURES,
      minutes: settings.ADMIN_LOCKOUT_MINUTES,
    };
    this.passwordChecks = new PasswordCheckGate({
      running: settings.ADMIN_PASSWORD_CHECKS_AT_ONCE,
      waiting: 4 * settings.ADMIN_PASSWORD_CHECKS_AT_ONCE,
    });
  }

  /**
   * A new session for the right user name and password; 401 otherwise; 429 while the user name, or the address
   * it comes from, is locked out; 503 while too many password checks are under way. Attempts for one user name
   * and from one address take turns (AuditLog.takeLoginTurn), so the failures they count are exact; what an
   * attempt concluded is audited in its transaction, and the refusal is thrown after it committed.
   */
  async login(username: string, password: string, ip: string | null): Promise<{ token: string; user: SessionView }> {
    const now = this.clock.now();
    // The whole attempt waits its turn at the gate, before it takes a database connection or a lock: a flood is
    // turned away in memory, and never holds the pool the console's other requests need.
    const turn = await this.passwordChecks.run(() =>
      this.db.transaction(async (tx): Promise<LoginOutcome> => {
        await this.audit.takeLoginTurn(tx, username, ip);
        const since = lockoutWindowStart(this.lockout, now);
        const until = latest(
          lockedUntil(this.lockout, await this.audit.failedLoginsSince(username, since, tx), now),
          ip
            ? lockedUntil(this.addressLockout, await this.audit.failedLoginsFromAddressSince(ip, since, tx), now)
            : undefined,
        );
        if (until) {
          await this.audit.record(
            { username, action: 'auth.login.locked', ip, detail: { until: until.toISOString() } },
            tx,
          );
          return { kind: 'locked', until };
        }
        const user = await this.users.byUsername(username, tx);
        // Always one scrypt, also for an unknown user name, so the time taken does not tell which exist.
        const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
        if (!user || !matches || user.disabled) {
          const reason = !user ? 'unknown-user' : !matches ? 'wrong-password' : 'disabled';
          await this.audit.record(
            { username, role: user?.role ?? null, action: 'auth.login.failed', ip, detail: { reason } },
            tx,
          );
          return { kind: 'refused' };
        }
        const session = await this.sessions.create(user.id, tx);
        await this.audit.record({ username: user.username, role: user.role, action: 'auth.login', ip }, tx);
        return { kind: 'signed-in', token: session.token, user };
      }),
    );
    const outcome: LoginOutcome = turn?.value ?? { kind: 'busy' };
    if (outcome.kind === 'locked') {
      const retryAfterSeconds = Math.ceil((outcome.until.getTime() - now.getTime()) / 1000);
      throw new HttpException(
        {
          statusCode: 429,
          code: 'LOCKED_OUT',
          message: `too many failed log-ins for this user name or from this address; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`,
          retryAfterSeconds,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (outcome.kind === 'busy') {
      throw new ServiceUnavailableException({
        statusCode: 503,
        code: 'LOGIN_BUSY',
        message: 'too many log-ins at once; try again in a few seconds',
        retryAfterSeconds: 2,
      });
    }
    if (outcome.kind === 'refused')
      throw new UnauthorizedException({ statusCode: 401, code: 'LOGIN_REFUSED', message: LOGIN_REFUSED });
    const { user, token } = outcome;
    if (needsRehash(user.passwordHash)) {
      await this.users.setPassword(user.id, await hashPassword(password), {
        mustChange: user.mustChangePassword,
        at: user.passwordChangedAt ?? now,
      });
    }
    return {
      token,
      user: {
        username: user.username,
        role: user.role,
        department: user.department,
        mustChangePassword: user.mustChangePassword,
      },
    };
  }

  async logout(user: SessionUser, actor: Actor): Promise<void> {
    await this.sessions.revoke(user.sessionId);
    await this.audit.record({ ...actor, action: 'auth.logout' });
  }

  /**
   * Changes the signed-in user's own password (which clears a pending one-time password) and ends
   * the user's other sessions: whoever knew the old password is logged out everywhere else.
   */
  async changePassword(
    user: SessionUser,
    currentPassword: string,
    newPassword: string,
    actor: Actor,
  ): Promise<SessionView> {
    const record = await this.users.byId(user.userId);
    if (!record || !(await verifyPassword(currentPassword, record.passwordHash))) {
      await this.audit.record({
        ...actor,
        action: 'auth.password.change.failed',
        detail: { reason: 'wrong-current-password' },
      });
      throw new BadRequestException({ statusCode: 400, code: 'WRONG_PASSWORD', message: 'currentPassword is wrong' });
    }
    const problem =
      passwordProblem(newPassword, record.username) ??
      (newPassword === currentPassword ? 'the new password must differ from the current one' : undefined);
    if (problem)
      throw new BadRequestException({ statusCode: 400, code: 'WEAK_PASSWORD', message: `newPassword: ${problem}` });
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.setPassword(record.id, passwordHash, { mustChange: false, at: this.clock.now() }, tx);
      await this.sessions.revokeAllOf(record.id, { except: user.sessionId, tx });
      await this.audit.record({ ...actor, action: 'auth.password.changed' }, tx);
    });
    return { username: record.username, role: record.role, department: record.department, mustChangePassword: false };
  }
}
