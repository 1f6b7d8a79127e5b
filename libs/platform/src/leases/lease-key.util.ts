/**
 * PostgreSQL advisory locks are named by two 32-bit integers. The first names the installation (its
 * `REDIS_PREFIX`, so two installations or test runs on one database never share a lock), the second the
 * leased thing. Positive values, so they read the same as int4 in SQL and as oid in `pg_locks`.
 */
export function leaseKeyOf(text: string): number {
  // FNV-1a, 32 bits: stable across processes and versions, unlike anything seeded.
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash & 0x7fffffff;
}

/** The owner's name as `application_name` of its lock connection: `inbox-lease host pid`. */
export function ownerLabelOf(owner: LeaseOwner): string {
  return `inbox-lease ${owner.host} ${owner.pid}`.slice(0, 63);
}

export function ownerFromLabel(label: string | null | undefined): LeaseOwner | null {
  const match = /^inbox-lease (\S+) (\d+)$/.exec(label ?? '');
  return match ? { host: match[1], pid: Number(match[2]) } : null;
}

export interface LeaseOwner {
  host: string;
  pid: number;
}
