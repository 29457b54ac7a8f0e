import { ERRORS, isErrorCode } from '../../libs/contracts/src';
import { DOMAIN_FAILURE_CODES, PROPERTY_NAME, findUnstorableText, unstorableReason } from '../../libs/domain/src';
import { databaseErrorKind, isDatabaseUnavailable } from '../../libs/persistence/src';

describe('unstorable text', () => {
  it.each([
    ['NUL', 'a\u0000b', 'control_character'],
    ['a bell', 'x\u0007', 'control_character'],
    ['DEL', '\u007f', 'control_character'],
    ['a C1 control', '\u0085', 'control_character'],
    ['a lone high surrogate', 'a\ud800', 'lone_surrogate'],
    ['a lone low surrogate', '\udc00b', 'lone_surrogate'],
  ])('refuses %s', (_, text, reason) => {
    expect(unstorableReason(text)).toBe(reason);
  });

  it.each([['tab, line feed, carriage return', '一\t二\r\n三'], ['Chinese and emoji (a surrogate pair)', '党支部🚩'], ['empty', '']])('accepts %s', (_, text) => {
    expect(unstorableReason(text)).toBeNull();
  });

  it('finds every bad string, in values and property names, with its path, never echoing a bad name', () => {
    expect(findUnstorableText({ form: { honours: [{ title: 'ok' }, { title: 'x\u0000' }] }, data: { 'k\ud800': 'v', good: ['\u0001'] } })).toEqual([
      { path: ['form', 'honours', 1, 'title'], reason: 'control_character' },
      { path: ['data', PROPERTY_NAME], reason: 'lone_surrogate' },
      { path: ['data', 'good', 0], reason: 'control_character' },
    ]);
    expect(findUnstorableText({ n: 1, b: true, z: null })).toEqual([]);
  });
});

describe('database errors for retrying', () => {
  const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  const typeorm = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });

  it('data and integrity refusals are permanent: a retry cannot succeed', () => {
    expect(databaseErrorKind(pg('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe('permanent');
    expect(databaseErrorKind(typeorm('23505'))).toBe('permanent');
    expect(databaseErrorKind(typeorm('22P05'))).toBe('permanent');
  });

  it('an unreachable, restarting or overloaded server, and lost races, are transient', () => {
    for (const e of [pg('ECONNREFUSED'), pg('57P01'), pg('57P03'), pg('08006'), pg('53300'), new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect')]) {
      expect(databaseErrorKind(e)).toBe('transient');
      expect(isDatabaseUnavailable(e)).toBe(true);
    }
    expect(databaseErrorKind(pg('40001'))).toBe('transient');
    expect(isDatabaseUnavailable(pg('40001'))).toBe(false);
  });

  it('anything else is unknown (retried by activities, a 500 in the API), a missing table included', () => {
    expect(databaseErrorKind(pg('42P01'))).toBe('unknown');
    expect(databaseErrorKind(new TypeError('x is undefined'))).toBe('unknown');
    expect(databaseErrorKind(undefined)).toBe('unknown');
  });
});

describe('the error registry', () => {
  it('answers every failure the engine raises, each code with a 4xx/5xx status and a Chinese message', () => {
    for (const code of DOMAIN_FAILURE_CODES) expect(isErrorCode(code)).toBe(true);
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(isErrorCode('TaskNotOpen')).toBe(false);
  });
});
