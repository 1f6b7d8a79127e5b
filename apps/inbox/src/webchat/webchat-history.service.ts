import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Agent } from '@app/agents';
import { ContactIdentity, Conversation, Message } from '@app/conversations';
import type { WebchatVisitor } from './webchat-visitors.service';
import { drawnChoices } from '@app/platform/contracts/choices.util';

/** A message as the visitor's widget shows it. */
export interface VisitorMessageView {
  id: number;
  conversationId: number;
  direction: 'in' | 'out';
  text: string;
  createdAt: string;
  clientMessageId: string | null;
  /** The agent who wrote a reply (first name as the agent set it); null for automatic messages and the visitor's own. */
  author: string | null;
  automatic: boolean;
  /** Files: an agent's are fetched with the token; the visitor's own are listed by name. */
  attachments: Array<{ name: string; size: number; url: string | null }>;
  /** Buttons offered with a reply (surveys, the bot); a press is POSTed as { choiceId, replyTo }. */
  choices: Array<{ id: string; label: string }> | null;
}

/** The link the widget fetches a file with (the token travels in the header, never in this URL). */
export const visitorFileUrl = (storageKey: string): string => `/webchat/attachments/${storageKey}`;

/**
 * What a visitor may see: the messages of their own identity's conversations on this channel — theirs and the
 * replies that were sent — never internal notes, replies still queued or failed, nor another visitor's.
 */
@Injectable()
export class WebchatHistory {
  constructor(private readonly db: DataSource) {}

  async messages(visitor: WebchatVisitor): Promise<Message[]> {
    const identity = await this.db.getRepository(ContactIdentity).findOneBy({ channelId: visitor.channel.id, externalId: visitor.identityKey });
    if (!identity) return [];
    const conversations = await this.db.getRepository(Conversation).find({ where: { identityId: identity.id }, select: { id: true } });
    if (!conversations.length) return [];
    const messages = await this.db.getRepository(Message).find({
      where: { conversationId: In(conversations.map((c) => c.id)), direction: In(['in', 'out']) },
      order: { id: 'ASC' },
    });
    return messages.filter((m) => m.direction === 'in' || (m.deliveryStatus !== 'queued' && m.deliveryStatus !== 'failed'));
  }

  /**
   * The views, and up to which of the visitor's messages an agent has read: an agent answers only what they read,
   * so every message before an agent's (non-automatic) reply counts as read.
   */
  async views(messages: Message[]): Promise<{ items: VisitorMessageView[]; readUpTo: number | null }> {
    const authorIds = [...new Set(messages.map((m) => m.authorId).filter((id): id is number => id !== null))];
    const agents = authorIds.length ? await this.db.getRepository(Agent).find({ where: { id: In(authorIds) }, select: { id: true, name: true } }) : [];
    const names = new Map(agents.map((a) => [a.id, a.name]));
    let readUpTo: number | null = null;
    let lastIn: number | null = null;
    for (const m of messages) {
      if (m.direction === 'in') lastIn = m.id;
      else if (!m.automatic && m.authorId !== null && lastIn !== null) readUpTo = lastIn;
    }
    return { items: messages.map((m) => toVisitorView(m, names.get(m.authorId ?? -1) ?? null)), readUpTo };
  }
}

export function toVisitorView(m: Message, author: string | null): VisitorMessageView {
  const choices = (m as Message & { choices?: Array<{ id: string; label: string }> | null }).choices ?? null;
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction as 'in' | 'out',
    text: m.body,
    createdAt: m.createdAt.toISOString(),
    clientMessageId: (m.meta?.clientMessageId as string | undefined) ?? null,
    author: m.direction === 'out' && !m.automatic ? author : null,
    automatic: m.automatic,
    attachments: (m.attachments ?? []).filter((a) => a.storageKey).map((a) => ({
      name: a.name, size: a.size, url: m.direction === 'out' ? visitorFileUrl(a.storageKey!) : null,
    })),
    choices: m.direction === 'out' && choices?.length && drawnChoices(choices).length ? drawnChoices(choices) : null,
  };
}
