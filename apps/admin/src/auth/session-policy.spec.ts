import { firstExpiry, isLive, slidExpiry } from './session-policy';

const policy = { idleMinutes: 60, maxHours: 12 };
const at = (iso: string) => new Date(`2026-03-02T${iso}:00Z`);

describe('session expiry', () => {
  it('ends an idle session after the idle time', () => {
    const createdAt = at('08:00');
    const expiresAt = firstExpiry(policy, createdAt);
    expect(expiresAt).toEqual(at('09:00'));
    expect(isLive({ createdAt, expiresAt }, at('08:59'))).toBe(true);
    expect(isLive({ createdAt, expiresAt }, at('09:00'))).toBe(false);
  });

  it('moves the end forward on every request', () => {
    expect(slidExpiry(policy, at('08:00'), at('08:45'))).toEqual(at('09:45'));
    expect(slidExpiry(policy, at('08:00'), at('10:30'))).toEqual(at('11:30'));
  });

  it('never moves the end past the absolute cap after log-in', () => {
    expect(slidExpiry(policy, at('08:00'), at('19:30'))).toEqual(at('20:00'));
    expect(slidExpiry(policy, at('08:00'), at('19:59'))).toEqual(at('20:00'));
  });

  it('caps the first expiry when the cap is shorter than the idle time', () => {
    expect(firstExpiry({ idleMinutes: 120, maxHours: 1 }, at('08:00'))).toEqual(at('09:00'));
  });
});
