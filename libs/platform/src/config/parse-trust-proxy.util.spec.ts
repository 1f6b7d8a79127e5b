import { parseTrustProxy } from './parse-trust-proxy.util';

describe('parseTrustProxy', () => {
  it('is off unless set', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  it('takes a hop count', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' 2 ')).toBe(2);
  });

  it('takes addresses, subnets and Express names', () => {
    expect(parseTrustProxy('loopback, 10.0.0.0/8,2001:db8::/32, 192.0.2.7')).toEqual(['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.7']);
  });

  it('refuses true and anything not an address, naming the key', () => {
    expect(() => parseTrustProxy('true')).toThrow('TRUST_PROXY: expected false, a hop count, or addresses');
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow('got "10.0.0.0/33"');
    expect(() => parseTrustProxy('proxy.local')).toThrow('got "proxy.local"');
    expect(() => parseTrustProxy('99')).toThrow('TRUST_PROXY: expected a number of proxy hops');
  });
});
