import { loadConfig } from '@hub/config';
import { AdminSettings } from './admin.settings';

const base = { DATABASE_URL: 'postgres://u@h/db' };

describe('admin settings', () => {
  it('has the documented defaults', () => {
    const s = loadConfig(AdminSettings, base);
    expect(s).toMatchObject({
      ADMIN_HTTP_PORT: 3100,
      ADMIN_SESSION_MINUTES: 60,
      ADMIN_SESSION_MAX_HOURS: 12,
      ADMIN_MODE: 'development',
      ADMIN_LOCKOUT_FAILURES: 5,
      ADMIN_LOCKOUT_MINUTES: 15,
      DETECTOR_URL: 'http://127.0.0.1:3103',
      MATCHER_URL: 'http://127.0.0.1:3102',
      INTAKE_URL: 'http://127.0.0.1:3101',
    });
    expect(s.ADMIN_INITIAL_PASSWORD).toBeUndefined();
  });

  it('names the wrong setting', () => {
    expect(() => loadConfig(AdminSettings, { ...base, ADMIN_MODE: 'prod' })).toThrow(/ADMIN_MODE="prod"/);
    expect(() => loadConfig(AdminSettings, { ...base, ADMIN_SESSION_MINUTES: '0' })).toThrow(/ADMIN_SESSION_MINUTES/);
    expect(() => loadConfig(AdminSettings, { ...base, ADMIN_INITIAL_PASSWORD: 'short' })).toThrow(
      /ADMIN_INITIAL_PASSWORD=\(hidden\): .*at least 12/,
    );
    expect(() => loadConfig(AdminSettings, { ...base, DETECTOR_URL: 'http://127.0.0.1:3103/' })).toThrow(
      /DETECTOR_URL/,
    );
    expect(() => loadConfig(AdminSettings, { ...base, MATCHER_URL: 'ftp://x' })).toThrow(/MATCHER_URL/);
  });

  it('accepts production mode with an initial password', () => {
    const s = loadConfig(AdminSettings, {
      ...base,
      ADMIN_MODE: 'production',
      ADMIN_INITIAL_PASSWORD: 'a long first password',
    });
    expect(s.ADMIN_MODE).toBe('production');
  });
});
