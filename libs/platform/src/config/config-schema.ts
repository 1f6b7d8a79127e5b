import { z } from 'zod';
import type { ChannelSettingsValidator } from './load-config';

/**
 * Field schemas for the configuration (environment keys, YAML sections, channel settings) with the wording every
 * config error uses ("expected …"), and the bridge that turns a schema's issues into the loader's problems
 * (`channels[1].token: expected …, got …`).
 * YAML and env interpolation give strings and blanks, so numbers and booleans accept their text forms and an
 * empty value counts as missing, as everywhere else in the config.
 */
const blankToMissing = (value: unknown): unknown => (value === null || value === '' ? undefined : value);

const asNumber = (value: unknown): unknown => {
  const v = blankToMissing(value);
  return typeof v === 'string' ? Number(v) : v;
};

const asBoolean = (value: unknown): unknown => {
  const v = blankToMissing(value);
  return v === 'true' ? true : v === 'false' ? false : v;
};

function wholeNumber(min: number, max: number, expected = `a whole number from ${min} to ${max}`) {
  return z.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, { error: expected });
}

const httpUrl = (expected: string) => z.string().regex(/^https?:\/\/[^/]/, { error: expected });

export const field = {
  /** A required string (a number is taken as its text, as YAML reads `port: 993`), or `fallback` when missing. */
  text: (expected = 'a non-empty string', fallback?: string) =>
    z.preprocess((v) => blankToMissing(v) ?? fallback, z.union([z.string(), z.number()], { error: expected })).transform(String),
  optionalText: (expected = 'a string') => z.preprocess(blankToMissing, z.union([z.string(), z.number()], { error: expected }).optional()).transform((v) => (v === undefined ? undefined : String(v))),
  /** A required string that must match `pattern`; `expected` says what it should look like. */
  matching: (pattern: RegExp, expected: string) => field.text().pipe(z.string().regex(pattern, { error: expected })),
  integer: (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER, expected?: string) => z.preprocess(asNumber, wholeNumber(min, max, expected).default(fallback)),
  optionalInteger: (min = 0, max = Number.MAX_SAFE_INTEGER, expected?: string) => z.preprocess(asNumber, wholeNumber(min, max, expected).optional()),
  requiredInteger: (min = 0, max = Number.MAX_SAFE_INTEGER, expected?: string) => z.preprocess(asNumber, wholeNumber(min, max, expected)),
  boolean: (fallback: boolean) => z.preprocess(asBoolean, z.boolean({ error: 'true or false' }).default(fallback)),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T, fallback?: T[number]) => {
    const choice = z.enum(values, { error: `one of ${values.join(', ')}` });
    return z.preprocess(blankToMissing, fallback === undefined ? choice : choice.default(fallback as never));
  },
  /** An optional http(s) URL; trailing slashes are normalised by the caller as its client needs. */
  url: (expected: string) => field.optionalText().pipe(httpUrl(expected).optional()),
  urlOr: (expected: string, fallback: string) => field.text(undefined, fallback).pipe(httpUrl(expected)),
};

/**
 * A mapping that rejects keys it does not know, naming the ones it does: a misspelt `tokn:` is an error at
 * boot rather than a setting silently ignored until the channel misbehaves.
 */
export function settingsObject<S extends z.ZodRawShape>(owner: string, shape: S) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `no such key; ${owner} takes ${known}` : 'a mapping') });
}

/**
 * A custom issue whose message is already the whole problem, key included (`REDIS_URL, DATABASE_URL: a cluster …`),
 * for checks whose wording does not fit "expected …, got …" or must not show the value.
 */
export const WHOLE_PROBLEM = { wholeProblem: true } as const;

/** Adds a WHOLE_PROBLEM issue to a refinement's context. */
export function addWholeProblem(ctx: { addIssue(issue: { code: 'custom'; message: string; params: Record<string, unknown> }): void }, message: string): void {
  ctx.addIssue({ code: 'custom', message, params: WHOLE_PROBLEM });
}

/**
 * Parses `value` with `schema`; on failure records every issue in `problems`, each named by its key under `path`
 * (values of `secrets` keys show as `<hidden>`), and returns undefined.
 */
export function parseOrReport<T>(schema: z.ZodType<T>, value: unknown, path: string, problems: string[], secrets: ReadonlySet<string> = new Set()): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'custom' && (issue.params as Record<string, unknown> | undefined)?.wholeProblem) {
      problems.push(issue.message);
      continue;
    }
    const at = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...at, key]) : [at];
    for (const key of keys) {
      // A misspelt key may well be a secret's (`tokn: 123:ABC`): its value is never shown.
      if (issue.code === 'unrecognized_keys') {
        problems.push(`${keyPath(path, key)}: ${issue.message}`);
        continue;
      }
      const got = valueAt(value, key);
      const shown = got !== undefined && secrets.has(key[key.length - 1]) ? '<hidden>' : got;
      problems.push(`${keyPath(path, key)}: expected ${issue.message}, got ${describe(shown)}`);
    }
  }
  return undefined;
}

/** Turns a settings schema into the config loader's validator; values of `secrets` keys never appear in a message. */
export function settingsValidator<T>(schema: z.ZodType<T>, options: { secrets?: string[] } = {}): ChannelSettingsValidator {
  const secrets = new Set(options.secrets ?? []);
  return (settings, path, reader) => (parseOrReport(schema, settings, path, reader.problems, secrets) as Record<string, unknown> | undefined) ?? settings;
}

function keyPath(path: string, key: string[]): string {
  return key.reduce((at, k) => (/^\d+$/.test(k) ? `${at}[${k}]` : at ? `${at}.${k}` : k), path);
}

function valueAt(tree: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

/** How a bad value reads in a problem. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === '') return 'an empty string';
  return JSON.stringify(value);
}
