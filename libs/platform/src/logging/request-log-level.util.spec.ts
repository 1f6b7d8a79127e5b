import { requestLogLevel } from './request-log-level.util';

describe('requestLogLevel', () => {
  it('logs ordinary requests at debug only', () => {
    expect(requestLogLevel(200, false, 12)).toBe('debug');
    expect(requestLogLevel(304, false, 1)).toBe('debug');
  });

  it('logs client errors at warn, server errors at error', () => {
    expect(requestLogLevel(400, true, 3)).toBe('warn');
    expect(requestLogLevel(429, false, 3)).toBe('warn');
    expect(requestLogLevel(500, true, 3)).toBe('error');
    expect(requestLogLevel(200, true, 3)).toBe('error'); // the response broke off after its status was sent
  });

  it('logs slow requests at info', () => {
    expect(requestLogLevel(200, false, 1500)).toBe('info');
  });
});
