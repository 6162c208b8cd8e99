/** What `demo` runs the admin service as, or why it cannot start it. */
export type DemoAdminMode = { ADMIN_MODE: 'development' | 'production'; refusal?: string };

/**
 * ADMIN_MODE for the admin `demo` starts (issue 12). With the demo feed it is a try-out on one machine:
 * development, a random first password printed once. Without it (`--empty`, real use) production is the
 * default: Secure session cookie, HSTS, and a first password that never appears in a log, so it must come
 * from ADMIN_INITIAL_PASSWORD while no admin exists yet. A mode set in the environment wins either way.
 */
export function demoAdminMode(withDemoFeed: boolean, env: NodeJS.ProcessEnv, adminExists: boolean): DemoAdminMode {
  const explicit = env.ADMIN_MODE;
  if (explicit && explicit !== 'development' && explicit !== 'production') {
    return { ADMIN_MODE: 'production', refusal: `ADMIN_MODE must be development or production, not "${explicit}"` };
  }
  const mode: DemoAdminMode['ADMIN_MODE'] =
    explicit === 'development' || explicit === 'production' ? explicit : withDemoFeed ? 'development' : 'production';
  if (mode === 'production' && !adminExists && !env.ADMIN_INITIAL_PASSWORD) {
    return {
      ADMIN_MODE: mode,
      refusal:
        'the admin runs in production mode (the default of demo --empty) and no admin user exists yet: set ADMIN_INITIAL_PASSWORD ' +
        '(12 or more characters; changed at first log-in) for its first start, or ADMIN_MODE=development to try the hub out with a printed password',
    };
  }
  return { ADMIN_MODE: mode };
}
