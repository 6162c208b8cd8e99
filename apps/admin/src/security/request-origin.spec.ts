import { originAllowed } from './request-origin';

const at = (method: string, origin: string | undefined, host = '127.0.0.1:3100', secure = false) => ({
  method,
  origin,
  host,
  secure,
});

describe('originAllowed', () => {
  it('lets any origin read: GET, HEAD, OPTIONS change nothing', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(originAllowed(at(method, 'https://evil.example'), [])).toBe(true);
  });
  it("takes changes from the console's own origin, the one the request was addressed to", () => {
    expect(originAllowed(at('POST', 'http://127.0.0.1:3100'), [])).toBe(true);
    expect(originAllowed(at('DELETE', 'https://hub.county.gov.cn', 'hub.county.gov.cn', true), [])).toBe(true);
  });
  it('refuses changes from another site, another port, another scheme, and an opaque origin', () => {
    expect(originAllowed(at('POST', 'https://evil.example'), [])).toBe(false);
    expect(originAllowed(at('POST', 'http://127.0.0.1:8080'), [])).toBe(false);
    expect(originAllowed(at('POST', 'https://127.0.0.1:3100'), [])).toBe(false);
    expect(originAllowed(at('PUT', 'null'), [])).toBe(false);
  });
  it('takes the origins an operator named (behind a proxy that rewrites Host)', () => {
    expect(originAllowed(at('POST', 'https://Hub.County.gov.cn', 'admin:3100'), ['https://hub.county.gov.cn'])).toBe(
      true,
    );
    expect(originAllowed(at('POST', 'https://other.gov.cn', 'admin:3100'), ['https://hub.county.gov.cn'])).toBe(false);
  });
  it('lets a request without Origin through (no browser sent it cross-site; it still needs a session)', () => {
    expect(originAllowed(at('POST', undefined), [])).toBe(true);
  });
});
