import { demoAdminMode } from './demo-admin-mode';

describe('demoAdminMode (issue 12)', () => {
  it('tries the hub out in development mode with the demo feed', () => {
    expect(demoAdminMode(true, {}, false)).toEqual({ ADMIN_MODE: 'development' });
  });

  it('runs real use (demo --empty) in production mode, given the first password or an existing admin', () => {
    expect(demoAdminMode(false, { ADMIN_INITIAL_PASSWORD: 'first-password-123' }, false)).toEqual({
      ADMIN_MODE: 'production',
    });
    expect(demoAdminMode(false, {}, true)).toEqual({ ADMIN_MODE: 'production' });
  });

  it('refuses production without a first password while no admin exists, naming the settings', () => {
    const mode = demoAdminMode(false, {}, false);
    expect(mode.ADMIN_MODE).toBe('production');
    expect(mode.refusal).toMatch(/ADMIN_INITIAL_PASSWORD.*ADMIN_MODE=development/);
  });

  it('refuses a mode that is neither, rather than choosing one', () => {
    expect(demoAdminMode(false, { ADMIN_MODE: 'Production' }, true).refusal).toMatch(
      /ADMIN_MODE must be development or production, not "Production"/,
    );
  });

  it('keeps a mode set in the environment', () => {
    expect(demoAdminMode(false, { ADMIN_MODE: 'development' }, false)).toEqual({ ADMIN_MODE: 'development' });
    expect(
      demoAdminMode(true, { ADMIN_MODE: 'production', ADMIN_INITIAL_PASSWORD: 'first-password-123' }, false),
    ).toEqual({ ADMIN_MODE: 'production' });
  });
});
