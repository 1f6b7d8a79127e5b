import { ForbiddenException, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { webchatSettingsOf, WebchatSettings } from '@app/channels';
import { cleanName } from '@app/conversations';
import { APP_CONFIG, AppConfig, ChannelConfig } from '@app/platform/config';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { isAllowedOrigin } from './webchat-origin.util';
import { hashVisitorToken, isValidIdentityHash, isVisitorTokenShape, newVisitorKey, newVisitorToken, verifiedUserKey } from './visitor-token.util';

/** A visitor the server issued a token to. */
export interface WebchatVisitor {
  id: number;
  channel: ChannelConfig;
  settings: WebchatSettings;
  /** The contact identity's externalId: public, never the token. */
  identityKey: string;
  verifiedUserId: string | null;
  name: string | null;
  email: string | null;
}

export interface VerifiedIdentity {
  userId: string;
  name?: string;
  email?: string;
  hash: string;
}

/** The header every web chat request carries the token in (never the URL, so it never reaches a log line). */
export const VISITOR_TOKEN_HEADER = 'x-visitor-token';

interface Row { id: number | string; channelId: string; identityKey: string; verifiedUserId: string | null; name: string | null; email: string | null }

/**
 * Issues and checks web chat visitor tokens. The database keeps only each token's SHA-256; a verified user of the
 * site (HMAC of their id with the channel's identitySecret) gets a token bound to `user:<id>`, so every browser
 * they sign in on reads the same conversations.
 */
@Injectable()
export class WebchatVisitors {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly uow: UnitOfWork) {}

  /** An enabled web chat channel by id; without an id, the first one (the inbox's own /chat). */
  channel(id?: string): ChannelConfig {
    const channel = this.config.channels.find((c) => c.type === 'webchat' && c.enabled && (id === undefined || c.id === id));
    if (!channel) throw new NotFoundException(id ? `no enabled web chat channel "${id}"` : 'the web chat is not enabled in this installation');
    return channel;
  }

  /** 403 for a page on a site the channel does not list. */
  assertOrigin(channel: ChannelConfig, origin: string | undefined, ownOrigin: string): void {
    if (!isAllowedOrigin(origin, ownOrigin, webchatSettingsOf(channel).allowedOrigins)) {
      throw new ForbiddenException(`the web chat "${channel.id}" may not be used from ${origin}; add it to the channel's allowedOrigins`);
    }
  }

  /**
   * The visitor a token belongs to, or null. A token of another channel than the one asked for is no token here.
   */
  async find(token: unknown): Promise<WebchatVisitor | null> {
    if (!isVisitorTokenShape(token)) return null;
    const [row] = await this.uow.runSql((sql) => sql.all<Row>(
      'SELECT id, "channelId", "identityKey", "verifiedUserId", name, email FROM webchat_visitors WHERE "tokenHash" = ?', [hashVisitorToken(token)]));
    if (!row) return null;
    const channel = this.config.channels.find((c) => c.id === row.channelId && c.type === 'webchat' && c.enabled);
    if (!channel) return null;
    return { ...row, id: Number(row.id), channel, settings: webchatSettingsOf(channel) };
  }

  /** The visitor of a request's token; 401 when it has none or an unknown one. */
  async require(token: unknown): Promise<WebchatVisitor> {
    const visitor = await this.find(token);
    if (!visitor) throw new UnauthorizedException(`a visitor token is required in the X-Visitor-Token header (from POST /webchat/session)`);
    return visitor;
  }

  /**
   * The session of a page: its current token when it still holds (and, for a verified user, belongs to them),
   * else a new one. A wrong identity hash is refused with 401 before anything is stored.
   */
  async session(channel: ChannelConfig, currentToken: unknown, identity: VerifiedIdentity | undefined): Promise<{ token: string; visitor: WebchatVisitor }> {
    const settings = webchatSettingsOf(channel);
    if (identity) {
      if (!settings.identitySecret) throw new UnauthorizedException(`the web chat "${channel.id}" does not verify identities (no identitySecret)`);
      if (!isValidIdentityHash(settings.identitySecret, identity.userId, identity.hash)) throw new UnauthorizedException('identity.hash does not match identity.userId');
    }
    const current = await this.find(currentToken);
    const wantedKey = identity ? verifiedUserKey(identity.userId) : null;
    if (current && current.channel.id === channel.id && (wantedKey === null || current.identityKey === wantedKey)) {
      if (identity) await this.remember(current, { name: identity.name, email: identity.email });
      return { token: currentToken as string, visitor: { ...current, name: identity?.name ?? current.name, email: identity?.email ?? current.email } };
    }
    const token = newVisitorToken();
    const identityKey = wantedKey ?? newVisitorKey();
    const values = { name: cleanName(identity?.name)?.slice(0, 200) || null, email: identity?.email ?? null, verifiedUserId: identity?.userId ?? null };
    const id = await this.uow.runSql((sql) => sql.insert(
      'INSERT INTO webchat_visitors ("channelId", "tokenHash", "identityKey", "verifiedUserId", name, email, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [channel.id, hashVisitorToken(token), identityKey, values.verifiedUserId, values.name, values.email, Date.now()]));
    return { token, visitor: { id, channel, settings, identityKey, ...values } };
  }

  /** Keeps what the visitor told in the pre-chat form (or the site vouched for). */
  async remember(visitor: WebchatVisitor, told: { name?: string | null; email?: string | null }): Promise<void> {
    // The inbound text rule, as for every customer-supplied name (PostgreSQL cannot keep NUL, and names fold to one line).
    const name = cleanName(told.name)?.slice(0, 200) || null;
    const email = told.email?.trim() || null;
    if ((!name || name === visitor.name) && (!email || email === visitor.email)) return;
    await this.uow.runSql((sql) => sql.run('UPDATE webchat_visitors SET name = COALESCE(?, name), email = COALESCE(?, email) WHERE id = ?', [name, email, visitor.id]));
  }
}
