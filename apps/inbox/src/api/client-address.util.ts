import { isIP } from 'node:net';

/**
 * The key limits count a client under: an IPv4 address as is, an IPv6 address by its /64 (one customer line gets a
 * whole /64, so counting single addresses would let one visitor rotate through billions), an IPv4-mapped IPv6
 * address (::ffff:192.0.2.1, how a dual-stack socket reports IPv4) as its IPv4 address.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.startsWith('[') ? ip.slice(1, ip.indexOf(']')) : ip.split('%')[0];
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const hextets = expandIpv6(address);
  return `${hextets.slice(0, 4).map((h) => h.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with :: and a dotted IPv4 tail resolved). */
function expandIpv6(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((h) => parseInt(h, 16));
}

/**
 * The client's address as Express computes `req.ip`, for a request Express did not see (the realtime handshake):
 * walk X-Forwarded-For from the nearest hop while `trust` (Express's compiled `trust proxy`) vouches for the hop.
 */
export function forwardedClientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trust: (address: string, hop: number) => boolean): string | undefined {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const hops = [remote ?? '', ...forwarded.reverse()];
  for (let i = 0; i < hops.length - 1; i++) if (!trust(hops[i], i)) return hops[i];
  return hops[hops.length - 1];
}
