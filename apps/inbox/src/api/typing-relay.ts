import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactIdentity, Conversation } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';

/** How long a visitor's conversation is remembered between keystrokes, so typing costs no query per key. */
const VISITOR_CACHE_MS = 30_000;
/** A visitor with no conversation yet is looked up again sooner: their first message opens one. */
const NO_CONVERSATION_CACHE_MS = 3_000;

/**
 * "Is typing…" both ways in the web chat: which conversation a visitor's typing belongs to (for the agents), and
 * which visitor an agent's typing goes to (only web chat conversations have a visitor's page to show it).
 */
@Injectable()
export class TypingRelay {
  private readonly visitors = new Map<string, { conversationId: number | null; until: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly db: DataSource) {}

  /** The visitor's open conversation on the channel (`key`: the visitor's identity there), or null before their first message. */
  async visitorConversation(channelId: string, key: string): Promise<number | null> {
    const cacheKey = `${channelId}\u0000${key}`;
    const cached = this.visitors.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.conversationId;
    const identity = await this.db.getRepository(ContactIdentity).findOneBy({ channelId, externalId: key });
    const c = identity && await this.db.getRepository(Conversation).createQueryBuilder('c')
      .where('c.identityId = :id AND c.status <> :resolved', { id: identity.id, resolved: 'resolved' }).orderBy('c.id', 'DESC').getOne();
    const conversationId = c ? c.id : null;
    if (this.visitors.size > 10_000) this.visitors.clear();
    this.visitors.set(cacheKey, { conversationId, until: Date.now() + (conversationId === null ? NO_CONVERSATION_CACHE_MS : VISITOR_CACHE_MS) });
    return conversationId;
  }

  /** The visitor (channel and identity) to show an agent's typing to, or null when the conversation is not a web chat. */
  async visitorOf(conversationId: number): Promise<{ channelId: string; key: string } | null> {
    const c = await this.db.getRepository(Conversation).findOneBy({ id: conversationId });
    if (!c || !this.webchatChannels().includes(c.channelId)) return null;
    const key = (await this.db.getRepository(ContactIdentity).findOneBy({ id: c.identityId }))?.externalId;
    return key ? { channelId: c.channelId, key } : null;
  }

  private webchatChannels(): string[] {
    return this.config.channels.filter((ch) => ch.type === 'webchat').map((ch) => ch.id);
  }
}
