const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Parses `512KB`, `20MB`, `1GB` or a plain byte count; throws naming the key on anything else. */
export function parseByteSize(value: unknown, key: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value) : null;
  if (!match) throw new Error(`${key}: expected a size such as 512KB or 20MB, got ${JSON.stringify(value)}`);
  return Math.round(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}
