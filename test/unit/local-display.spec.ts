import { maskPassword } from '../../libs/local-infra/src';

describe('the database URL npm start prints', () => {
  it('hides the password of a URL the user gave, keeping the rest', () => {
    expect(maskPassword('postgres://app:s3cr%40t@db.example:5432/pennant?sslmode=require')).toBe('postgres://app:***@db.example:5432/pennant?sslmode=require');
    expect(maskPassword('postgresql://app@db.example/pennant')).toBe('postgresql://app@db.example/pennant');
    expect(maskPassword('not a url: secret')).not.toContain('secret');
  });
});
