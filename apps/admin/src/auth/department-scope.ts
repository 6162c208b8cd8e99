import { ForbiddenException } from '@nestjs/common';
import { SessionUser } from './roles';

/**
 * The department a request may see, as a filter for feed and dead-letter queries: a department user
 * sees only its own (asking for another is refused, not silently narrowed, so a console bug shows);
 * the other roles see the department they ask for, or all (undefined).
 */
export function departmentFilter(user: SessionUser, requested?: string | null): string | undefined {
  if (user.role === 'department') {
    if (!user.department)
      throw new ForbiddenException({ code: 'DEPARTMENT_MISSING', message: 'this department user has no department' });
    if (requested && requested !== user.department) {
      throw new ForbiddenException({
        code: 'OTHER_DEPARTMENT',
        message: `a ${user.department} user may not see ${requested}`,
      });
    }
    return user.department;
  }
  return requested || undefined;
}
