import { presentsServiceToken, serviceTokenHeaders } from './service-token';

const token = 'f'.repeat(64);

describe('presentsServiceToken', () => {
  it('takes the configured token as a bearer credential, in any case of the scheme', () => {
    expect(presentsServiceToken(`Bearer ${token}`, token)).toBe(true);
    expect(presentsServiceToken(`bearer ${token}`, token)).toBe(true);
    expect(presentsServiceToken(serviceTokenHeaders(token).authorization, token)).toBe(true);
  });
  it('refuses another token, a prefix of it, another scheme, a list, and nothing', () => {
    expect(presentsServiceToken(`Bearer ${'e'.repeat(64)}`, token)).toBe(false);
    expect(presentsServiceToken(`Bearer ${token.slice(0, 63)}`, token)).toBe(false);
    expect(presentsServiceToken(`Basic ${token}`, token)).toBe(false);
    expect(presentsServiceToken([`Bearer ${token}`], token)).toBe(false);
    expect(presentsServiceToken(undefined, token)).toBe(false);
  });
  it('lets nothing through when no token is configured, not even an empty one', () => {
    expect(presentsServiceToken('Bearer ', undefined)).toBe(false);
    expect(presentsServiceToken('Bearer x', '')).toBe(false);
    expect(serviceTokenHeaders(undefined)).toEqual({});
  });
});
