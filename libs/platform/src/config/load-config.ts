import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { AppConfig, ChannelConfig, ServerRole } from './app-config';
import { ConfigError } from './config-error';
import { ConfigReader, join } from './config-reader';
import { interpolateEnv } from './interpolate-env.util';
import { parseByteSize } from './parse-byte-size.util';
import { parseTrustProxy } from './parse-trust-proxy.util';

/** The admin token is an ops credential sent over the network: anything shorter is guessable. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Validates one channel type's settings; returns them normalised, recording problems on the reader. */
export type ChannelSettingsValidator = (
  settings: Record<string, unknown>,
  path: string,
  reader: ConfigReader,
) => Record<string, unknown>;

export interface ConfigHooks {
  /** Known channel types and their settings validators; an unknown `type` is a config error. */
  channelTypes: Record<string, ChannelSettingsValidator>;
  /** Checks the `policies:` tree and every channel's `policy:` override. */
  validatePolicies?: (config: AppConfig, reader: ConfigReader) => void;
}

const ROLES: readonly ServerRole[] = ['all', 'api', 'worker'];
const CHANNEL_KEYS = new Set(['id', 'type', 'name', 'enabled', 'policy']);

/** Loads, interpolates and validates the configuration; throws ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined>, hooks: ConfigHooks, cwd = process.cwd()): AppConfig {
  const reader = new ConfigReader();
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

  const envTree = env as Record<string, unknown>;
  const databaseUrl = reader.string(envTree, 'DATABASE_URL', '', 'sqlite:data/inbox.sqlite');
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) reader.problem('DATABASE_URL', 'sqlite:<file> or postgres://…', databaseUrl);

  const redisUrl = reader.optionalString(envTree, 'REDIS_URL', '');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) reader.problem('REDIS_URL', 'redis://host:port or rediss://…', redisUrl);
  if (redisUrl && databaseUrl.startsWith('sqlite:')) {
    reader.problems.push(`REDIS_URL, DATABASE_URL: a cluster (REDIS_URL set) needs a postgres:// DATABASE_URL, got "${databaseUrl}"; unset REDIS_URL to run one process on SQLite`);
  }

  const server = reader.object(tree, 'server', '');
  const outbox = reader.object(tree, 'outbox', '');
  const attachments = reader.object(tree, 'attachments', '');
  const inbound = reader.object(tree, 'inbound', '');
  const limits = reader.object(tree, 'limits', '');
  const config: AppConfig = {
    port: reader.integer(envTree, 'PORT', '', 3000, 0, 65535),
    databaseUrl,
    redis: redisUrl ? { url: redisUrl, prefix: reader.string(envTree, 'REDIS_PREFIX', '', 'inbox:') } : undefined,
    role: reader.oneOf(envTree, 'INBOX_ROLE', '', ROLES, 'all'),
    adminToken: reader.optionalString(envTree, 'INBOX_ADMIN_TOKEN', ''),
    dataDir: resolve(cwd, reader.string(envTree, 'DATA_DIR', '', 'data')),
    publicUrl: reader.optionalString(server, 'publicUrl', 'server'),
    logLevel: reader.oneOf(envTree, 'LOG_LEVEL', '', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    configFile,
    outbox: {
      maxAttempts: reader.integer(outbox, 'maxAttempts', 'outbox', 6, 1, 100),
      retryBaseMs: reader.integer(outbox, 'retryBaseMs', 'outbox', 2000, 1),
      retryMaxMs: reader.integer(outbox, 'retryMaxMs', 'outbox', 10 * 60_000, 1),
      pollMs: reader.integer(outbox, 'pollMs', 'outbox', 1000, 10),
      claimLeaseMs: reader.integer(outbox, 'claimLeaseMs', 'outbox', 60_000, 500),
    },
    inbound: { maxAttempts: reader.integer(inbound, 'maxAttempts', 'inbound', 5, 1, 100) },
    attachments: {
      maxBytes: reader.attempt(() => parseByteSize(attachments.maxSize ?? '20MB', 'attachments.maxSize'), 20 * 1024 * 1024),
    },
    http: {
      trustProxy: reader.attempt(() => parseTrustProxy(reader.optionalString(envTree, 'TRUST_PROXY', '')), false),
      metricsToken: reader.optionalString(envTree, 'METRICS_TOKEN', ''),
      docsPublic: reader.boolean(envTree, 'DOCS_PUBLIC', '', true),
      frameAncestors: readFrameAncestors(server, reader),
    },
    limits: {
      webchatPerVisitor: reader.integer(limits, 'webchatPerVisitor', 'limits', 30, 1),
      webchatPerAddress: reader.integer(limits, 'webchatPerAddress', 'limits', 120, 1),
      webchatWindowMs: reader.integer(limits, 'webchatWindowSeconds', 'limits', 60, 1, 86_400) * 1000,
      socketsPerAddress: reader.integer(limits, 'socketsPerAddress', 'limits', 50, 1),
      failedAuthPerAddress: reader.integer(limits, 'failedAuthPerAddress', 'limits', 20, 1),
      failedAuthWindowMs: reader.integer(limits, 'failedAuthWindowSeconds', 'limits', 60, 1, 86_400) * 1000,
      failedAuthBlockMs: reader.integer(limits, 'failedAuthBlockSeconds', 'limits', 300, 1, 86_400) * 1000,
    },
    sqliteSynchronous: reader.oneOf(envTree, 'SQLITE_SYNCHRONOUS', '', ['NORMAL', 'FULL'], 'NORMAL'),
    channels: readChannels(tree, reader, hooks),
    policies: reader.object(tree, 'policies', ''),
  };
  if (config.publicUrl && !/^https?:\/\//.test(config.publicUrl)) reader.problem('server.publicUrl', 'an http(s) URL', config.publicUrl);
  if (config.adminToken && config.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    reader.problems.push(`INBOX_ADMIN_TOKEN: expected at least ${MIN_ADMIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 24\`), got ${config.adminToken.length}`);
  }
  hooks.validatePolicies?.(config, reader);

  if (reader.problems.length) throw new ConfigError(reader.problems);
  return config;
}

/** `server.frameAncestors`: origins (https://shop.example.com) or CSP keywords allowed to frame the web chat. */
function readFrameAncestors(server: Record<string, unknown>, reader: ConfigReader): string[] {
  const list = server.frameAncestors ?? ["'self'"];
  const entries = Array.isArray(list) ? list : [list];
  const valid = entries.every((e) => typeof e === 'string' && /^('self'|'none'|https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d+)?)$/.test(e));
  if (!valid || !entries.length) {
    reader.problem('server.frameAncestors', "a list of origins such as https://shop.example.com, or 'self' or 'none'", list);
    return ["'self'"];
  }
  return entries as string[];
}

function readChannels(tree: Record<string, unknown>, reader: ConfigReader, hooks: ConfigHooks): ChannelConfig[] {
  const list = tree.channels ?? [];
  if (!Array.isArray(list)) {
    reader.problem('channels', 'a list of channels', list);
    return [];
  }
  const seen = new Set<string>();
  return list.map((item, i) => {
    const path = `channels[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      reader.problem(path, 'a mapping with id and type', item);
      return null;
    }
    const node = item as Record<string, unknown>;
    const id = reader.string(node, 'id', path);
    if (id && !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(id)) reader.problem(join(path, 'id'), 'lower-case letters, digits, - and _', id);
    if (seen.has(id)) reader.problem(join(path, 'id'), 'an id no other channel has', id);
    seen.add(id);
    const types = Object.keys(hooks.channelTypes);
    const type = reader.oneOf(node, 'type', path, types);
    const settings = Object.fromEntries(Object.entries(node).filter(([k]) => !CHANNEL_KEYS.has(k)));
    return {
      id,
      type,
      name: reader.string(node, 'name', path, id),
      enabled: reader.boolean(node, 'enabled', path, true),
      settings: hooks.channelTypes[type] ? hooks.channelTypes[type](settings, path, reader) : settings,
      policy: reader.object(node, 'policy', path),
    };
  }).filter((c): c is ChannelConfig => c !== null);
}
