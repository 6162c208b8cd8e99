import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { Actor } from '../auth/actor';
import { hashPassword } from '../auth/password-hashing';
import { SessionStore } from '../auth/session-store';
import { AdminClock } from '../clock';
import { temporaryPassword } from './password-policy';
import { UserRecord, UserStore, userView } from './user-store';
import { CreateUserRequest, UserView } from './users.dto';

/**
 * What an admin does to users: create them, disable and enable them, reset their password. New and
 * reset passwords are random, shown once, and must be changed at first log-in, so no admin ever
 * knows another user's working password. Every change is audited in the same transaction.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    private readonly clock: AdminClock,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.all()).map(userView);
  }

  async create(request: CreateUserRequest, actor: Actor): Promise<{ user: UserView; temporaryPassword: string }> {
    const department = request.department ?? null;
    if ((request.role === 'department') !== (department !== null)) {
      throw new BadRequestException(
        request.role === 'department'
          ? 'department: required for role department'
          : `department: only role department has one, not ${request.role}`,
      );
    }
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (tx) => {
      const created = await this.users.insert(
        {
          username: request.username,
          displayName: request.displayName,
          role: request.role,
          department,
          passwordHash,
          mustChangePassword: true,
          createdAt: this.clock.now(),
        },
        tx,
      );
      if (!created) throw new ConflictException(`user ${request.username} exists`);
      await this.audit.record(
        { ...actor, action: 'user.created', target: created.username, detail: { role: created.role, department } },
        tx,
      );
      return created;
    });
    return { user: userView(user), temporaryPassword: password };
  }

  async disable(username: string, actor: Actor): Promise<UserView> {
    return this.db.transaction(async (tx) => {
      const user = await this.existing(username, tx);
      if (user.disabled) return userView(user);
      // Serialises concurrent disables, so two admins cannot disable each other and leave none.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('admin_user.disable'))`);
      if (user.role === 'admin' && (await this.users.enabledAdmins(tx)) <= 1) {
        throw new ConflictException('the last enabled admin cannot be disabled');
      }
      await this.users.setDisabled(user.id, true, tx);
      await this.sessions.revokeAllOf(user.id, { tx });
      await this.audit.record({ ...actor, action: 'user.disabled', target: user.username }, tx);
      return { ...userView(user), disabled: true };
    });
  }

  async enable(username: string, actor: Actor): Promise<UserView> {
    return this.db.transaction(async (tx) => {
      const user = await this.existing(username, tx);
      if (!user.disabled) return userView(user);
      await this.users.setDisabled(user.id, false, tx);
      await this.audit.record({ ...actor, action: 'user.enabled', target: user.username }, tx);
      return { ...userView(user), disabled: false };
    });
  }

  /** A new random password, shown once; the user's sessions end and the password must be changed. */
  async resetPassword(username: string, actor: Actor): Promise<{ temporaryPassword: string }> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      const user = await this.existing(username, tx);
      await this.users.setPassword(user.id, passwordHash, { mustChange: true, at: this.clock.now() }, tx);
      await this.sessions.revokeAllOf(user.id, { tx });
      await this.audit.record({ ...actor, action: 'user.password.reset', target: user.username }, tx);
    });
    return { temporaryPassword: password };
  }

  private async existing(username: string, tx: EntityManager): Promise<UserRecord> {
    const user = await this.users.byUsername(username, tx);
    if (!user) throw new NotFoundException(`no user ${username}`);
    return user;
  }
}
