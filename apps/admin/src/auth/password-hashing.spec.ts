import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password-hashing';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password twice gives two different hashes', async () => {
    const a = await hashPassword('same password here');
    const b = await hashPassword('same password here');
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('reads the parameters from the stored hash, and tells when they are weaker than today', async () => {
    const weak = await hashPassword('old password 1234', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('old password 1234', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('new password 1234'))).toBe(false);
  });

  it('treats Unicode compositions of the same text as the same password', async () => {
    const stored = await hashPassword('密码caf\u00e9-2026');
    expect(await verifyPassword('密码cafe\u0301-2026', stored)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$0$8$1$aa$bb', 'bcrypt$1$2$3$aa$bb', 'scrypt$1024$8$1$aa$']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
    expect(needsRehash('plain')).toBe(true);
  });

  it('has a decoy hash that no guess matches', async () => {
    expect(await verifyPassword('admin', await decoyHash())).toBe(false);
  });
});
