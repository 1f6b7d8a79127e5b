import { isSafeMethod, isSameOrigin, readCookie } from './session-cookie.util';

describe('session cookies', () => {
  it('reads one cookie out of a Cookie header', () => {
    expect(readCookie('a=1; inbox_session=sis_abc-_; inbox_csrf=x', 'inbox_session')).toBe('sis_abc-_');
    expect(readCookie('inbox_sessionx=1; inbox_session=2', 'inbox_session')).toBe('2');
    expect(readCookie('inbox_session="q%20r"', 'inbox_session')).toBe('q r');
    expect(readCookie('other=1', 'inbox_session')).toBeNull();
    expect(readCookie(undefined, 'inbox_session')).toBeNull();
    expect(readCookie('inbox_session=%E0%A4%A', 'inbox_session')).toBeNull();
  });

  it('tells writes from reads', () => {
    expect(isSafeMethod('get')).toBe(true);
    expect(isSafeMethod('HEAD')).toBe(true);
    expect(isSafeMethod('POST')).toBe(false);
    expect(isSafeMethod('DELETE')).toBe(false);
  });

  it('accepts only the own origin when a browser names one', () => {
    expect(isSameOrigin(undefined, 'inbox.example.com')).toBe(true);
    expect(isSameOrigin('https://inbox.example.com', 'inbox.example.com')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(isSameOrigin('https://evil.example.com', 'inbox.example.com')).toBe(false);
    expect(isSameOrigin('null', 'inbox.example.com')).toBe(false);
    expect(isSameOrigin('https://inbox.example.com', '127.0.0.1:3000', 'https://inbox.example.com/')).toBe(true);
    expect(isSameOrigin('https://evil.example.com', '127.0.0.1:3000', 'https://inbox.example.com')).toBe(false);
  });
});
