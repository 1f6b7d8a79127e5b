import type { CsatSettings } from './csat-config';
import { TrustProxy } from './parse-trust-proxy.util';

/** The one typed view of configuration, built once at boot from config/*.yaml and the environment. */
export type ServerRole = 'all' | 'api' | 'worker';

export interface ChannelConfig {
  /** Stable id from the YAML file; used in URLs such as /webhooks/telegram/:channelId. */
  id: string;
  type: string;
  name: string;
  enabled: boolean;
  /** Type-specific settings, already validated by that channel type's validator. */
  settings: Record<string, unknown>;
  /** Per-channel overrides of the channel type's response-time policy (raw; the SLA library reads it). */
  policy: Record<string, unknown>;
  /** The channel's bot (`bot:`), raw as written (absent: undefined); the knowledge library reads and checks it. */
  bot?: unknown;
  /** The satisfaction survey after a resolve (`csat:`); absent: none. */
  csat?: CsatSettings;
}

export interface OutboxConfig {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  pollMs: number;
  /** How long a claim on an outbox row lasts unless its owner renews it; a crashed owner's rows are sent again after it. */
  claimLeaseMs: number;
}

/** How the HTTP face is exposed; see the README's "Running behind a proxy" and "Operations endpoints". */
export interface HttpConfig {
  /** Express's `trust proxy`: false, a hop count, or trusted proxy addresses (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** Set: /metrics and /health's details need `Authorization: Bearer <METRICS_TOKEN>` (or an ops token). */
  metricsToken?: string;
  /** DOCS_PUBLIC=false: no /api/docs page or /api/docs-json. */
  docsPublic: boolean;
  /** Pages allowed to frame /chat (CSP frame-ancestors), e.g. https://shop.example.com; 'self' by default. */
  frameAncestors: string[];
  /** How long a browser session lasts (`server.sessionTtlDays`). */
  sessionTtlMs: number;
}

/** Per-address and per-visitor limits (`limits:` in YAML); windows in milliseconds. */
export interface LimitsConfig {
  webchatPerVisitor: number;
  webchatPerAddress: number;
  webchatWindowMs: number;
  socketsPerAddress: number;
  failedAuthPerAddress: number;
  failedAuthWindowMs: number;
  failedAuthBlockMs: number;
}

/** Routing (`routing:` in YAML): capacity, the grace period of an agent who goes away, SLA escalation rules. */
export interface RoutingConfig {
  /** Conversations an agent holds at once unless ops set its own capacity. */
  defaultCapacity: number;
  /** How long an agent may be offline or disconnected before its unanswered conversations return to the queue. */
  offlineGraceMs: number;
  /** Per policy (a channel type or a channel id): what an SLA warning or breach does. */
  escalation: Record<string, { on: Array<'warning' | 'breach'>; notifyLead: boolean; moveTo?: string }>;
}

export interface AppConfig {
  port: number;
  databaseUrl: string;
  /** Set: the inbox runs as a cluster (PostgreSQL required); events, jobs, timers and shared state go through Redis. */
  redis?: { url: string; prefix: string };
  role: ServerRole;
  adminToken?: string;
  dataDir: string;
  publicUrl?: string;
  logLevel: string;
  configFile: string;
  outbox: OutboxConfig;
  /** An inbound item that fails to store this many times is set aside in the quarantine. */
  inbound: { maxAttempts: number };
  attachments: { maxBytes: number };
  http: HttpConfig;
  limits: LimitsConfig;
  /** SQLite's `synchronous` pragma (SQLITE_SYNCHRONOUS): NORMAL survives a process crash, FULL also a power loss. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  channels: ChannelConfig[];
  routing: RoutingConfig;
  /** Raw policy tree (`policies:` in YAML), validated by the SLA library's hook. */
  policies: Record<string, unknown>;
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
