import { deterministicUuid, hashPassword, isUniqueViolation, verifyPassword } from '../../libs/persistence/src';

describe('passwords and derived ids', () => {
  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$/);
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse', stored)).resolves.toBe(false);
    await expect(verifyPassword('x', 'garbage')).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('derives the same uuid from the same key, and a different one from another', () => {
    const a = deterministicUuid('task-1:decision');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('task-1:decision')).toBe(a);
    expect(deterministicUuid('task-2:decision')).not.toBe(a);
  });

  it('recognises a unique violation of a named constraint', () => {
    const err = { driverError: { code: '23505', constraint: 'c1' } };
    expect(isUniqueViolation(err, 'c1')).toBe(true);
    expect(isUniqueViolation(err, 'c2')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
  });
});
