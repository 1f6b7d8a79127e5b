import { isIP } from 'node:net';

/** What Express's `trust proxy` setting accepts: off, a number of hops, or trusted addresses and subnets. */
export type TrustProxy = false | number | string[];

const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Parses TRUST_PROXY: empty or `false` (default, proxy headers ignored), a hop count (`1`), or a comma list of
 * addresses, CIDR subnets and Express's names (`loopback, 10.0.0.0/8`). `true` (trust every hop) is refused:
 * anyone could then choose their own address and pass every per-address limit.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`TRUST_PROXY: expected a number of proxy hops from 0 to 10, got "${raw}"`);
    return hops === 0 ? false : hops;
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !NAMED_SUBNETS.has(e) && !isAddressOrSubnet(e));
  if (bad.length) {
    throw new Error(`TRUST_PROXY: expected false, a hop count, or addresses/subnets such as "loopback, 10.0.0.0/8", got "${bad.join(', ')}"`);
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
