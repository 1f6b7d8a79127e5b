import { isAllowedOrigin, ownOriginOf } from './webchat-origin.util';

describe('isAllowedOrigin', () => {
  const own = ownOriginOf('https', 'inbox.example.com');
  const allowed = ['https://shop.example.com'];

  it('lets in the inbox\'s own pages and the listed sites, whatever the case', () => {
    expect(isAllowedOrigin('https://inbox.example.com', own, allowed)).toBe(true);
    expect(isAllowedOrigin('https://shop.example.com', own, allowed)).toBe(true);
    expect(isAllowedOrigin('https://SHOP.example.com', own, allowed)).toBe(true);
  });

  it('refuses any other site, another scheme or port of a listed one, and the opaque "null" origin', () => {
    expect(isAllowedOrigin('https://evil.example.net', own, allowed)).toBe(false);
    expect(isAllowedOrigin('http://shop.example.com', own, allowed)).toBe(false);
    expect(isAllowedOrigin('https://shop.example.com:8443', own, allowed)).toBe(false);
    expect(isAllowedOrigin('null', own, allowed)).toBe(false);
  });

  it('leaves requests that come from no page to their token', () => {
    expect(isAllowedOrigin(undefined, own, [])).toBe(true);
  });
});
