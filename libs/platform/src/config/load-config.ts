import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppConfig, ChannelConfig, ServerRole } from './app-config';
import { ConfigError, ConfigProblems } from './config-error';
import { addWholeProblem, field, parseOrReport, settingsObject } from './config-schema';
import { csatSchema } from './csat-config';
import { interpolateEnv } from './interpolate-env.util';
import { parseByteSize } from './parse-byte-size.util';
import { parseTrustProxy } from './parse-trust-proxy.util';

/** The admin token is an ops credential sent over the network: anything shorter is guessable. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Validates one channel type's settings; returns them normalised, recording problems on the reader. */
export type ChannelSettingsValidator = (
  settings: Record<string, unknown>,
  path: string,
  reader: ConfigProblems,
) => Record<string, unknown>;

export interface ConfigHooks {
  /** Known channel types and their settings validators; an unknown `type` is a config error. */
  channelTypes: Record<string, ChannelSettingsValidator>;
  /** Checks the `policies:` tree and every channel's `policy:` override. */
  validatePolicies?: (config: AppConfig, reader: ConfigProblems) => void;
  /** Check the sections of channels that belong to other libraries (the bot's `bot:`), naming bad keys. */
  validateChannelSections?: Array<(config: AppConfig, reader: ConfigProblems) => void>;
}

const ROLES = ['all', 'api', 'worker'] as const satisfies readonly ServerRole[];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const CHANNEL_KEYS = new Set(['id', 'type', 'name', 'enabled', 'policy', 'csat', 'bot']);
// Environment keys whose values never appear in a message.
const ENV_SECRETS = new Set(['INBOX_ADMIN_TOKEN', 'METRICS_TOKEN']);
const FRAME_ANCESTOR = /^('self'|'none'|https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d+)?)$/;

/** A mapping for a YAML key: missing or empty (`server:`) means every default. */
const section = <T extends z.ZodType>(schema: T) => z.preprocess((v) => v ?? {}, schema);
const mapping = z.preprocess((v) => v ?? {}, z.record(z.string(), z.unknown(), { error: 'a mapping' }));

/** A transform by a util that throws naming its key; its message is the whole problem. */
const checkedBy =
  <I, T>(check: (value: I) => T) =>
  (value: I, ctx: z.RefinementCtx): T => {
    try {
      return check(value);
    } catch (err) {
      addWholeProblem(ctx, (err as Error).message);
      return z.NEVER;
    }
  };

const envSchema = z
  .object({
    PORT: field.integer(3000, 0, 65535),
    DATABASE_URL: field.text(undefined, 'sqlite:data/inbox.sqlite').pipe(z.string().regex(/^(sqlite:|postgres(ql)?:\/\/)/, { error: 'sqlite:<file> or postgres://…' })),
    REDIS_URL: field.optionalText().pipe(z.string().regex(/^rediss?:\/\//, { error: 'redis://host:port or rediss://…' }).optional()),
    REDIS_PREFIX: field.text(undefined, 'inbox:'),
    INBOX_ROLE: field.oneOf(ROLES, 'all'),
    INBOX_ADMIN_TOKEN: field.optionalText(),
    DATA_DIR: field.text(undefined, 'data'),
    LOG_LEVEL: field.oneOf(LOG_LEVELS, 'info'),
    TRUST_PROXY: field.optionalText().transform(checkedBy(parseTrustProxy)),
    METRICS_TOKEN: field.optionalText(),
    DOCS_PUBLIC: field.boolean(true),
    SQLITE_SYNCHRONOUS: field.oneOf(['NORMAL', 'FULL'], 'NORMAL'),
  })
  .superRefine(
    (env, ctx) => {
      const token = env.INBOX_ADMIN_TOKEN;
      if (typeof token === 'string' && token.length < MIN_ADMIN_TOKEN_LENGTH) {
        addWholeProblem(ctx, `INBOX_ADMIN_TOKEN: expected at least ${MIN_ADMIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 24\`), got ${token.length}`);
      }
      const db = env.DATABASE_URL;
      if (env.REDIS_URL && typeof db === 'string' && db.startsWith('sqlite:')) {
        addWholeProblem(ctx, `REDIS_URL, DATABASE_URL: a cluster (REDIS_URL set) needs a postgres:// DATABASE_URL, got "${db}"; unset REDIS_URL to run one process on SQLite`);
      }
    },
    // Also when other keys are wrong, so one boot names every problem.
    { when: () => true },
  );

/** The sections of the YAML file; an unknown one (a typo such as `outbx:`) is an error naming it. */
const fileSchema = settingsObject('the configuration file', {
  server: section(
    settingsObject('server', {
      publicUrl: field.url('an http(s) URL'),
      /** How long a browser stays signed in (until sign-out, or deactivation, if sooner). */
      sessionTtlDays: field.integer(14, 1, 365),
      /** Origins (https://shop.example.com) or CSP keywords allowed to frame the web chat. */
      frameAncestors: z.preprocess(
        (v) => v ?? ["'self'"],
        z
          .unknown()
          .transform((v) => (Array.isArray(v) ? v : [v]))
          .refine((list) => list.length > 0 && list.every((e) => typeof e === 'string' && FRAME_ANCESTOR.test(e)), {
            error: "a list of origins such as https://shop.example.com, or 'self' or 'none'",
          })
          .transform((list) => list as string[]),
      ),
    }),
  ),
  outbox: section(
    settingsObject('outbox', {
      maxAttempts: field.integer(6, 1, 100),
      retryBaseMs: field.integer(2000, 1),
      retryMaxMs: field.integer(10 * 60_000, 1),
      pollMs: field.integer(1000, 10),
      claimLeaseMs: field.integer(60_000, 500),
    }),
  ),
  inbound: section(settingsObject('inbound', { maxAttempts: field.integer(5, 1, 100) })),
  attachments: section(settingsObject('attachments', { maxSize: z.preprocess((v) => v ?? '20MB', z.any()).transform(checkedBy((v) => parseByteSize(v, 'attachments.maxSize'))) })),
  limits: section(
    settingsObject('limits', {
      webchatPerVisitor: field.integer(30, 1),
      webchatPerAddress: field.integer(120, 1),
      webchatWindowSeconds: field.integer(60, 1, 86_400),
      socketsPerAddress: field.integer(50, 1),
      failedAuthPerAddress: field.integer(20, 1),
      failedAuthWindowSeconds: field.integer(60, 1, 86_400),
      failedAuthBlockSeconds: field.integer(300, 1, 86_400),
    }),
  ),
  routing: section(
    settingsObject('routing', {
      defaultCapacity: field.integer(4, 1, 100),
      offlineGraceSeconds: field.integer(120, 0, 86_400),
      escalation: z.preprocess((v) => v ?? {}, z.record(z.string(), settingsObject('an escalation rule', {
        on: z.preprocess((v) => (v === undefined || v === null ? ['breach'] : Array.isArray(v) ? v : [v]),
          z.array(z.enum(['warning', 'breach'], { error: 'warning or breach' }), { error: 'warning, breach or a list of them' })),
        notifyLead: field.boolean(true),
        moveTo: field.optionalText('a team name'),
      }), { error: 'a mapping of policy names (channel type or channel id) to rules' })),
    }),
  ),
  channels: z.preprocess((v) => v ?? [], z.array(z.unknown(), { error: 'a list of channels' })),
  policies: mapping,
});

/** The keys every channel has; the rest are its type's settings. */
const channelSchema = (types: [string, ...string[]]) =>
  z.looseObject(
    {
      id: field.matching(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _'),
      type: field.oneOf(types),
      name: field.optionalText(),
      enabled: field.boolean(true),
      policy: mapping,
      csat: csatSchema,
      bot: z.unknown().optional(),
    },
    { error: 'a mapping with id and type' },
  );

/** Loads, interpolates and validates the configuration; throws ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined>, hooks: ConfigHooks, cwd = process.cwd()): AppConfig {
  const reader: ConfigProblems = { problems: [] };
  const configFile = resolve(cwd, env.INBOX_CONFIG || 'config/default.yaml');
  if (!existsSync(configFile)) throw new ConfigError([`INBOX_CONFIG: expected a readable YAML file, got "${configFile}" which does not exist`]);

  let raw: unknown;
  try {
    raw = parse(readFileSync(configFile, 'utf8')) ?? {};
  } catch (err) {
    throw new ConfigError([`${configFile}: expected valid YAML, got a parse error: ${(err as Error).message}`]);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError([`${configFile}: expected a mapping at the top level`]);
  const tree = interpolateEnv(raw, env, reader.problems) as Record<string, unknown>;

  // Each part falls back to its defaults when wrong, so the checks after it (channels, policies) still run.
  const vars = parseOrReport(envSchema, env, '', reader.problems, ENV_SECRETS) ?? envSchema.parse({});
  const file = parseOrReport(fileSchema, tree, '', reader.problems) ?? fileSchema.parse({});
  const { server, outbox, inbound, attachments, limits, routing } = file;
  const config: AppConfig = {
    port: vars.PORT,
    databaseUrl: vars.DATABASE_URL,
    redis: vars.REDIS_URL ? { url: vars.REDIS_URL, prefix: vars.REDIS_PREFIX } : undefined,
    role: vars.INBOX_ROLE,
    adminToken: vars.INBOX_ADMIN_TOKEN,
    dataDir: resolve(cwd, vars.DATA_DIR),
    publicUrl: server.publicUrl,
    logLevel: vars.LOG_LEVEL,
    configFile,
    outbox,
    inbound,
    attachments: { maxBytes: attachments.maxSize },
    http: { trustProxy: vars.TRUST_PROXY, metricsToken: vars.METRICS_TOKEN, docsPublic: vars.DOCS_PUBLIC, frameAncestors: server.frameAncestors,
      sessionTtlMs: server.sessionTtlDays * 86_400_000 },
    limits: {
      webchatPerVisitor: limits.webchatPerVisitor,
      webchatPerAddress: limits.webchatPerAddress,
      webchatWindowMs: limits.webchatWindowSeconds * 1000,
      socketsPerAddress: limits.socketsPerAddress,
      failedAuthPerAddress: limits.failedAuthPerAddress,
      failedAuthWindowMs: limits.failedAuthWindowSeconds * 1000,
      failedAuthBlockMs: limits.failedAuthBlockSeconds * 1000,
    },
    sqliteSynchronous: vars.SQLITE_SYNCHRONOUS,
    channels: readChannels(Array.isArray(tree.channels) ? tree.channels : [], reader, hooks),
    policies: file.policies,
    routing: { defaultCapacity: routing.defaultCapacity, offlineGraceMs: routing.offlineGraceSeconds * 1000, escalation: routing.escalation },
  };
  hooks.validatePolicies?.(config, reader);
  for (const validate of hooks.validateChannelSections ?? []) validate(config, reader);

  if (reader.problems.length) throw new ConfigError(reader.problems);
  return config;
}

/** Each channel's common keys, then its type's settings (also when the common keys are wrong: one boot names all). */
function readChannels(list: unknown[], reader: ConfigProblems, hooks: ConfigHooks): ChannelConfig[] {
  const types = Object.keys(hooks.channelTypes) as [string, ...string[]];
  const schema = channelSchema(types);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const path = `channels[${i}]`;
    const common = parseOrReport(schema, item, path, reader.problems);
    if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
    const node = item as Record<string, unknown>;
    const id = common?.id ?? String(node.id ?? '');
    if (common && seen.has(id)) reader.problems.push(`${path}.id: expected an id no other channel has, got ${JSON.stringify(id)}`);
    seen.add(id);
    const validateSettings = typeof node.type === 'string' ? hooks.channelTypes[node.type] : undefined;
    const settings = Object.fromEntries(Object.entries(node).filter(([k]) => !CHANNEL_KEYS.has(k)));
    return {
      id,
      // An unknown type is already a problem; the first known one stands in so its policy is still checked.
      type: validateSettings ? (node.type as string) : types[0],
      name: common?.name ?? id,
      enabled: common?.enabled ?? true,
      settings: validateSettings ? validateSettings(settings, path, reader) : settings,
      policy: common?.policy ?? {},
      ...(common?.csat ? { csat: common.csat } : {}),
      ...(node.bot === undefined ? {} : { bot: node.bot }),
    };
  }).filter((c): c is ChannelConfig => c !== null);
}
