export const ROLES = ['admin', 'reviewer', 'auditor', 'department'] as const;
export type Role = (typeof ROLES)[number];

/** Who is behind a request, once its session cookie checked out. */
export interface SessionUser {
  userId: string;
  sessionId: string;
  username: string;
  role: Role;
  /** Set for role department only: the department whose feed the user may see. */
  department: string | null;
  mustChangePassword: boolean;
}
