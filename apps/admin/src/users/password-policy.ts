import { randomBytes } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; a bound keeps one request from making hashing expensive. */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a password is refused, in a sentence for the person choosing it; undefined when acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `a password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `a password may have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'a password may not contain the user name';
  if (new Set(password).size < 5) return 'a password needs at least 5 different characters';
  return undefined;
}

/**
 * A one-time password for a new user, a reset, or the first admin in development mode: 18 random
 * bytes (144 bits) in base64url, 24 characters, shown once and changed at first log-in.
 */
export function temporaryPassword(): string {
  return randomBytes(18).toString('base64url');
}
