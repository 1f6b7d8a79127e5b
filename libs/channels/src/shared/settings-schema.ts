import { z } from 'zod';
import type { ChannelSettingsValidator } from '@app/platform/config';

/**
 * Field schemas for channel settings with the wording every config error uses ("expected …"), and the bridge
 * that turns a schema's issues into the loader's problems (`channels[1].token: expected …, got …`).
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

function wholeNumber(min: number, max: number) {
  const expected = `a whole number from ${min} to ${max}`;
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
  integer: (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) => z.preprocess(asNumber, wholeNumber(min, max).default(fallback)),
  optionalInteger: (min = 0, max = Number.MAX_SAFE_INTEGER) => z.preprocess(asNumber, wholeNumber(min, max).optional()),
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

/** Turns a settings schema into the config loader's validator; values of `secrets` keys never appear in a message. */
export function settingsValidator<T>(schema: z.ZodType<T>, options: { secrets?: string[] } = {}): ChannelSettingsValidator {
  const secrets = new Set(options.secrets ?? []);
  return (settings, path, reader) => {
    const result = schema.safeParse(settings);
    if (result.success) return result.data as Record<string, unknown>;
    for (const issue of result.error.issues) {
      const at = issue.path.map(String);
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...at, key]) : [at];
      for (const key of keys) {
        const value = valueAt(settings, key);
        const shown = value !== undefined && secrets.has(key[key.length - 1]) ? '<hidden>' : value;
        reader.problem([path, ...key].join('.'), issue.message, shown);
      }
    }
    return settings;
  };
}

function valueAt(tree: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}
