/**
 * Reads typed values out of an untyped YAML/env tree, collecting every problem with its key path
 * instead of stopping at the first, so one boot shows ops all that is wrong.
 */
export class ConfigReader {
  readonly problems: string[] = [];

  problem(path: string, expected: string, got: unknown): void {
    this.problems.push(`${path}: expected ${expected}, got ${describe(got)}`);
  }

  string(node: Record<string, unknown>, key: string, path: string, fallback?: string): string {
    const value = node[key];
    if (value === undefined || value === null || value === '') {
      if (fallback !== undefined) return fallback;
      this.problem(join(path, key), 'a non-empty string', value);
      return '';
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.problem(join(path, key), 'a string', value);
      return '';
    }
    return String(value);
  }

  optionalString(node: Record<string, unknown>, key: string, path: string): string | undefined {
    const value = node[key];
    if (value === undefined || value === null || value === '') return undefined;
    return this.string(node, key, path);
  }

  integer(node: Record<string, unknown>, key: string, path: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const value = node[key];
    if (value === undefined || value === null || value === '') return fallback;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problem(join(path, key), `a whole number from ${min} to ${max}`, value);
      return fallback;
    }
    return n;
  }

  boolean(node: Record<string, unknown>, key: string, path: string, fallback: boolean): boolean {
    const value = node[key];
    if (value === undefined || value === null || value === '') return fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    this.problem(join(path, key), 'true or false', value);
    return fallback;
  }

  oneOf<T extends string>(node: Record<string, unknown>, key: string, path: string, allowed: readonly T[], fallback?: T): T {
    const value = node[key];
    if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(join(path, key), `one of ${allowed.join(', ')}`, value);
    return fallback ?? allowed[0];
  }

  object(node: Record<string, unknown>, key: string, path: string, required = false): Record<string, unknown> {
    const value = node[key];
    if (value === undefined || value === null) {
      if (required) this.problem(join(path, key), 'a mapping', value);
      return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problem(join(path, key), 'a mapping', value);
      return {};
    }
    return value as Record<string, unknown>;
  }

  /** Runs a validator that throws `Error` with a message naming the key; records it as a problem. */
  attempt<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (err) {
      this.problems.push((err as Error).message);
      return fallback;
    }
  }
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === '') return 'an empty string';
  return JSON.stringify(value);
}
