import { lockedUntil } from './login-lockout';

const policy = { failures: 3, minutes: 15 };
const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);

describe('log-in lock-out', () => {
  it('stays open below the number of failures', () => {
    expect(lockedUntil(policy, [at('08:00'), at('08:01')], at('08:02'))).toBeUndefined();
  });

  it('locks at the number of failures within the window, until the oldest counted one leaves it', () => {
    const failures = [at('08:00'), at('08:01'), at('08:02')];
    expect(lockedUntil(policy, failures, at('08:03'))).toEqual(at('08:15'));
    expect(lockedUntil(policy, failures, at('08:14'))).toEqual(at('08:15'));
    expect(lockedUntil(policy, failures, at('08:15'))).toBeUndefined();
  });

  it('counts only the most recent failures for the end of the lock', () => {
    const failures = [at('08:00'), at('08:10'), at('08:11'), at('08:12')];
    expect(lockedUntil(policy, failures, at('08:13'))).toEqual(at('08:25'));
  });

  it('ignores failures older than the window', () => {
    expect(lockedUntil(policy, [at('07:00'), at('07:01'), at('08:00')], at('08:01'))).toBeUndefined();
  });
});
