import { passwordProblem, temporaryPassword } from './password-policy';

describe('password policy', () => {
  it('refuses short, repetitive and user-name passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/5 different/);
    expect(passwordProblem('my-name-is-wang.li!', 'wang.li')).toMatch(/user name/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });

  it('accepts a reasonable passphrase', () => {
    expect(passwordProblem('社会救助 hub 2026 spring', 'admin')).toBeUndefined();
  });

  it('makes one-time passwords that pass the policy and differ each time', () => {
    const a = temporaryPassword();
    expect(a).toHaveLength(24);
    expect(passwordProblem(a)).toBeUndefined();
    expect(temporaryPassword()).not.toBe(a);
  });
});
