import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../auth/roles';
import { UserView } from './users.dto';

export interface UserRecord extends UserView {
  id: string;
  passwordHash: string;
}

const COLUMNS = `id::text AS id, username, display_name AS "displayName", role, department, password_hash AS "passwordHash",
  must_change_password AS "mustChangePassword", disabled, created_at AS "createdAt", password_changed_at AS "passwordChangedAt"`;

export const userView = ({ id: _id, passwordHash: _hash, ...view }: UserRecord): UserView => view;

/** Whether the first start has happened: some user has the admin role (also asked by `demo` before it starts the admin). */
export const ANY_ADMIN_SQL = `SELECT 1 FROM admin_user WHERE role = 'admin' LIMIT 1`;

/** The admin_user table; the admin service is its only writer. */
@Injectable()
export class UserStore {
  constructor(private readonly db: DataSource) {}

  async byUsername(username: string, tx?: EntityManager): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await (tx ?? this.db).query(`SELECT ${COLUMNS} FROM admin_user WHERE username = $1`, [
      username,
    ]);
    return rows[0];
  }

  async byId(id: string, tx?: EntityManager): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await (tx ?? this.db).query(`SELECT ${COLUMNS} FROM admin_user WHERE id = $1`, [id]);
    return rows[0];
  }

  async all(): Promise<UserRecord[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM admin_user ORDER BY username`);
  }

  /** Undefined when the user name is taken. */
  async insert(
    user: {
      username: string;
      displayName: string;
      role: Role;
      department: string | null;
      passwordHash: string;
      mustChangePassword: boolean;
      createdAt: Date;
    },
    tx?: EntityManager,
  ): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await (tx ?? this.db).query(
      `INSERT INTO admin_user (username, display_name, role, department, password_hash, must_change_password, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
      [
        user.username,
        user.displayName,
        user.role,
        user.department,
        user.passwordHash,
        user.mustChangePassword,
        user.createdAt,
      ],
    );
    return rows[0];
  }

  async setPassword(
    id: string,
    passwordHash: string,
    options: { mustChange: boolean; at: Date },
    tx?: EntityManager,
  ): Promise<void> {
    await (tx ?? this.db).query(
      `UPDATE admin_user SET password_hash = $2, must_change_password = $3, password_changed_at = $4 WHERE id = $1`,
      [id, passwordHash, options.mustChange, options.mustChange ? null : options.at],
    );
  }

  async setDisabled(id: string, disabled: boolean, tx?: EntityManager): Promise<void> {
    await (tx ?? this.db).query(`UPDATE admin_user SET disabled = $2 WHERE id = $1`, [id, disabled]);
  }

  async enabledAdmins(tx?: EntityManager): Promise<number> {
    const rows: { n: number }[] = await (tx ?? this.db).query(
      `SELECT count(*)::int AS n FROM admin_user WHERE role = 'admin' AND NOT disabled`,
    );
    return rows[0].n;
  }

  async anyAdmin(tx?: EntityManager): Promise<boolean> {
    const rows = await (tx ?? this.db).query<unknown[]>(ANY_ADMIN_SQL);
    return rows.length > 0;
  }
}
