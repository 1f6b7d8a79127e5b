import { hashPassword, verifyPassword } from './password.util';

describe('passwords', () => {
  it('are stored as argon2id hashes, salted, and verified', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword(a, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(a, 'correct horse batterY')).resolves.toBe(false);
  });

  it('refuse every password when there is no hash (an unknown e-mail or an agent without a password)', async () => {
    await expect(verifyPassword(null, 'anything at all')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'anything at all')).resolves.toBe(false);
  });
});
