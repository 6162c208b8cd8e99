import { ForbiddenException } from '@nestjs/common';
import { departmentFilter } from './department-scope';
import { Role, SessionUser } from './roles';

const user = (role: Role, department: string | null = null): SessionUser => ({
  userId: '1',
  sessionId: '1',
  username: 'u',
  role,
  department,
  mustChangePassword: false,
});

describe('department scope', () => {
  it('narrows a department user to its own department', () => {
    expect(departmentFilter(user('department', 'health'))).toBe('health');
    expect(departmentFilter(user('department', 'health'), 'health')).toBe('health');
  });

  it('refuses a department user asking for another department', () => {
    expect(() => departmentFilter(user('department', 'health'), 'housing')).toThrow(ForbiddenException);
    expect(() => departmentFilter(user('department', null))).toThrow(ForbiddenException);
  });

  it('lets the other roles choose a department or see all', () => {
    expect(departmentFilter(user('reviewer'))).toBeUndefined();
    expect(departmentFilter(user('admin'), 'housing')).toBe('housing');
    expect(departmentFilter(user('auditor'), '')).toBeUndefined();
  });
});
