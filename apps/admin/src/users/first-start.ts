import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminSettings } from '../admin.settings';
import { AuditLog } from '../audit/audit-log';
import { hashPassword } from '../auth/password-hashing';
import { AdminClock } from '../clock';
import { temporaryPassword } from './password-policy';
import { UserStore } from './user-store';

export const FIRST_ADMIN = 'admin';

export class FirstStartError extends Error {}

/**
 * The first start of the admin service (no admin user yet) creates the user `admin`. There is no
 * fixed default password anywhere: in development mode a random one is printed once; in production
 * mode it must come from ADMIN_INITIAL_PASSWORD, and start-up fails naming that setting without it.
 * Either way the password must be changed at first log-in (every route but the password change
 * refuses the user until then), so the printed or configured one never stays in use.
 */
@Injectable()
export class FirstStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('admin');

  constructor(
    private readonly db: DataSource,
    private readonly users: UserStore,
    private readonly audit: AuditLog,
    private readonly clock: AdminClock,
    private readonly settings: AdminSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const production = this.settings.ADMIN_MODE === 'production';
    const configured = this.settings.ADMIN_INITIAL_PASSWORD;
    const password = configured ?? (production ? undefined : temporaryPassword());
    const created = await this.db.transaction(async (tx) => {
      // Two instances starting at once on an empty database create one admin, not two.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('admin_user.first-start'))`);
      if (await this.users.anyAdmin(tx)) return false;
      if (!password) {
        throw new FirstStartError(
          'ADMIN_INITIAL_PASSWORD must be set in production mode (ADMIN_MODE=production) for the first start, when no admin user exists yet',
        );
      }
      const user = await this.users.insert(
        {
          username: FIRST_ADMIN,
          displayName: '系统管理员',
          role: 'admin',
          department: null,
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
          createdAt: this.clock.now(),
        },
        tx,
      );
      if (!user)
        throw new FirstStartError(
          `a user named ${FIRST_ADMIN} exists but has not the admin role: create an admin by hand`,
        );
      await this.audit.record(
        {
          username: 'system',
          action: 'user.created',
          target: FIRST_ADMIN,
          detail: { role: 'admin', firstStart: true, mode: this.settings.ADMIN_MODE },
        },
        tx,
      );
      return true;
    });
    const login = `POST /api/auth/login on port ${this.settings.ADMIN_HTTP_PORT}, or the Swagger UI at /api/docs`;
    if (!created) {
      if (configured)
        this.logger.warn(
          'ADMIN_INITIAL_PASSWORD is set but an admin user exists: it is ignored; remove it from the environment',
        );
      return;
    }
    if (configured) {
      this.logger.warn(
        `first start: log in as ${FIRST_ADMIN} with the password from ADMIN_INITIAL_PASSWORD (${login}); you must change it at first log-in, then remove ADMIN_INITIAL_PASSWORD`,
      );
    } else {
      // The one place a password is printed: development mode's first start, never again.
      this.logger.warn(
        `first start: log in as ${FIRST_ADMIN} with password ${password} (${login}), you must change it`,
      );
    }
  }
}
