import { hash, verify } from '@node-rs/argon2';

/** Long enough to resist guessing offline, short enough to type; the upper bound keeps hashing cheap. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the e-mail is unknown, so a wrong address costs as long as a wrong password.
let decoy: Promise<string> | null = null;

/** Whether the password matches the stored hash; with no hash, false after the same work as a real check. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword('decoy password for unknown agents');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
