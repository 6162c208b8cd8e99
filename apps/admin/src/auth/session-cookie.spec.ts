import { readCookie, sessionCookie } from './session-cookie';

describe('session cookie', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; hub_session=abc-_9; b=2', 'hub_session')).toBe('abc-_9');
    expect(readCookie('hub_session="quoted"', 'hub_session')).toBe('quoted');
    expect(readCookie('xhub_session=1', 'hub_session')).toBeUndefined();
    expect(readCookie(undefined, 'hub_session')).toBeUndefined();
    expect(readCookie('hub_session=%E0%A4%A', 'hub_session')).toBeUndefined();
  });

  it('is HttpOnly and SameSite=Strict, Secure when asked', () => {
    expect(sessionCookie('t', { maxAgeSeconds: 3600, secure: false })).toBe(
      'hub_session=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600',
    );
    expect(sessionCookie('t', { maxAgeSeconds: 0, secure: true })).toBe(
      'hub_session=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure',
    );
  });
});
