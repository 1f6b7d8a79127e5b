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

  /** The visitor's open conversation, or null before their first message. */
  async visitorConversation(visitorId: string): Promise<number | null> {
    const cached = this.visitors.get(visitorId);
    if (cached && cached.until > Date.now()) return cached.conversationId;
    const identities = await this.db.getRepository(ContactIdentity).findBy(this.webchatChannels().map((channelId) => ({ channelId, externalId: visitorId })));
    let conversationId: number | null = null;
    for (const identity of identities) {
      const c = await this.db.getRepository(Conversation).createQueryBuilder('c')
        .where('c.identityId = :id AND c.status <> :resolved', { id: identity.id, resolved: 'resolved' }).orderBy('c.id', 'DESC').getOne();
      if (c && (conversationId === null || c.id > conversationId)) conversationId = c.id;
    }
    if (this.visitors.size > 10_000) this.visitors.clear();
    this.visitors.set(visitorId, { conversationId, until: Date.now() + (conversationId === null ? NO_CONVERSATION_CACHE_MS : VISITOR_CACHE_MS) });
    return conversationId;
  }

  /** The visitor id to show an agent's typing to, or null when the conversation is not a web chat. */
  async visitorOf(conversationId: number): Promise<string | null> {
    const c = await this.db.getRepository(Conversation).findOneBy({ id: conversationId });
    if (!c || !this.webchatChannels().includes(c.channelId)) return null;
    return (await this.db.getRepository(ContactIdentity).findOneBy({ id: c.identityId }))?.externalId ?? null;
  }

  private webchatChannels(): string[] {
    return this.config.channels.filter((ch) => ch.type === 'webchat').map((ch) => ch.id);
  }
}
