import { addressKey, forwardedClientAddress } from './client-address.util';

describe('addressKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('groups IPv6 addresses by their /64', () => {
    const a = addressKey('2001:db8:1234:5678::1');
    expect(a).toBe('2001:db8:1234:5678::/64');
    expect(addressKey('2001:0db8:1234:5678:ffff:eeee:dddd:cccc')).toBe(a);
    expect(addressKey('2001:db8:1234:5678:0:0:0:abcd')).toBe(a);
    expect(addressKey('2001:db8:1234:5679::1')).not.toBe(a);
  });

  it('expands :: wherever it stands, and ignores a zone or brackets', () => {
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('[2001:db8:a:b::5]')).toBe('2001:db8:a:b::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('has a key for a missing address', () => {
    expect(addressKey(undefined)).toBe('unknown');
  });
});

describe('forwardedClientAddress', () => {
  const never = () => false;
  const loopback = (a: string) => a === '127.0.0.1';

  it('ignores X-Forwarded-For unless the nearest hop is trusted', () => {
    expect(forwardedClientAddress('203.0.113.9', '198.51.100.1', never)).toBe('203.0.113.9');
    expect(forwardedClientAddress('127.0.0.1', '198.51.100.1', loopback)).toBe('198.51.100.1');
  });

  it('stops at the first untrusted hop, so a client cannot prepend its own address', () => {
    expect(forwardedClientAddress('127.0.0.1', 'spoofed, 198.51.100.1', loopback)).toBe('198.51.100.1');
    expect(forwardedClientAddress('127.0.0.1', ['1.1.1.1', '127.0.0.1'], loopback)).toBe('1.1.1.1');
  });

  it('counts hops when trusting a number of proxies', () => {
    expect(forwardedClientAddress('10.0.0.2', 'a, b, c', (_a, hop) => hop < 2)).toBe('b');
  });
});
