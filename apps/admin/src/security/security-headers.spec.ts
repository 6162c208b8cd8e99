import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it("lets the console's pages run only the admin's own scripts and styles, never framed", () => {
    const headers = securityHeaders('/console/', { tls: false });
    expect(headers['Content-Security-Policy']).toContain("script-src 'self';");
    expect(headers['Content-Security-Policy']).toContain("style-src 'self';");
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
  it('lets Swagger UI style itself inline, and nothing else more', () => {
    const policy = securityHeaders('/api/docs/', { tls: false })['Content-Security-Policy'];
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("script-src 'self';");
    expect(securityHeaders('/api/docsx', { tls: false })['Content-Security-Policy']).not.toContain('unsafe-inline');
  });
  it('asks for HSTS only behind TLS', () => {
    expect(securityHeaders('/api/alerts', { tls: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders('/api/alerts', { tls: true })['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
  });
});
