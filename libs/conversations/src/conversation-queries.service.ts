import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { Channel, Contact, ContactIdentity, Conversation, ConversationStatus, Message } from './entities';
import { InvalidRequestError, NotFoundError } from './errors';
import { LabelsService } from './labels/labels.service';
import { decodeCursor, encodeCursor, ListCursor } from './list-cursor.util';
import type { ContactView } from './api-types';
import { ConversationView, MessageView, toConversationView, toMessageView } from './views';

export interface ConversationFilter {
  statuses?: ConversationStatus[];
  channelId?: string;
  /** A team id (routing). */
  teamId?: number;
  /** An agent id, or null for unassigned. */
  assigneeId?: number | null;
  breaching?: boolean;
  q?: string;
  /** Only conversations carrying this label. */
  labelId?: number;
  /** true: only those the bot holds (bot-hold.ts); false: none of them (what needs an agent); absent: both. */
  heldByBot?: boolean;
  limit: number;
  cursor?: string;
}

/** Read side of the inbox: the urgency-ordered list, one conversation, its messages, a contact's history. */
@Injectable()
export class ConversationQueries {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly db: DataSource, private readonly clock: Clock, private readonly labels: LabelsService) {}

  /**
   * When this customer last wrote on this channel (the channel's own time of the message where it gave one),
   * for reply windows such as WhatsApp's 24 hours; null when they never did. Read from the database, so
   * every process answers the same.
   */
  async lastInboundAt(channelId: string, senderExternalId: string): Promise<Date | null> {
    const row = await this.db.getRepository(Message).createQueryBuilder('m')
      .select(['m.id', 'm.sentAt', 'm.createdAt'])
      .innerJoin(Conversation, 'c', 'c.id = m.conversationId')
      .innerJoin(ContactIdentity, 'i', 'i.id = c.identityId')
      .where('i.channelId = :channelId AND i.externalId = :senderExternalId AND m.direction = :in', { channelId, senderExternalId, in: 'in' })
      .orderBy('m.id', 'DESC')
      .limit(1)
      .getOne();
    return row ? row.sentAt ?? row.createdAt : null;
  }

  async list(filter: ConversationFilter): Promise<{ items: ConversationView[]; nextCursor: string | null }> {
    let cursor: ListCursor | null = null;
    if (filter.cursor) {
      cursor = decodeCursor(filter.cursor);
      if (!cursor) throw new InvalidRequestError('cursor', 'is not a cursor returned by this list');
    }
    const rows: Conversation[] = [];
    if (!cursor || cursor.phase === 0) {
      rows.push(...await this.phase(filter, 0, cursor, filter.limit + 1));
    }
    if (rows.length <= filter.limit) {
      rows.push(...await this.phase(filter, 1, cursor?.phase === 1 ? cursor : null, filter.limit + 1 - rows.length));
    }
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > filter.limit && last
      ? encodeCursor({ phase: last.dueAt ? 0 : 1, dueAt: last.dueAt?.getTime() ?? null, waitingSince: last.waitingSince.getTime(), id: last.id })
      : null;
    return { items: await this.views(page), nextCursor };
  }

  async get(id: number): Promise<ConversationView> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id });
    if (!conversation) throw new NotFoundError('conversation', id);
    return (await this.views([conversation]))[0];
  }

  async messages(conversationId: number): Promise<MessageView[]> {
    await this.get(conversationId);
    const messages = await this.db.getRepository(Message).find({ where: { conversationId }, order: { id: 'ASC' } });
    return messages.map(toMessageView);
  }

  /** A contact with its identities and every conversation across channels, newest first. */
  async contact(id: number): Promise<ContactView> {
    const contact = await this.db.getRepository(Contact).findOneBy({ id });
    if (!contact) throw new NotFoundError('contact', id);
    const identities = await this.db.getRepository(ContactIdentity).find({ where: { contactId: id }, order: { id: 'ASC' } });
    const conversations = await this.db.getRepository(Conversation).find({ where: { contactId: id }, order: { lastMessageAt: 'DESC' } });
    return {
      id: contact.id,
      name: contact.name,
      createdAt: contact.createdAt.toISOString(),
      identities: identities.map((i) => ({ id: i.id, channelId: i.channelId, externalId: i.externalId, displayName: i.displayName })),
      conversations: await this.views(conversations),
    };
  }

  /**
   * The conversations as they stand now (read again, in id order): what a push shows. A state captured by one process
   * could reach the screens after a newer one another process pushed, and show a conversation as it no longer is.
   */
  async currentViews(ids: number[]): Promise<ConversationView[]> {
    if (!ids.length) return [];
    return this.views(await this.db.getRepository(Conversation).find({ where: { id: In(ids) }, order: { id: 'ASC' } }));
  }

  async views(conversations: Conversation[]): Promise<ConversationView[]> {
    if (!conversations.length) return [];
    const contactIds = [...new Set(conversations.map((c) => c.contactId))];
    const contacts = new Map((await this.db.getRepository(Contact).findBy({ id: In(contactIds) })).map((c) => [c.id, c]));
    const labels = await this.labels.of(conversations.map((c) => c.id));
    const views: ConversationView[] = [];
    for (const c of conversations) views.push(toConversationView(c, await this.channel(c.channelId), contacts.get(c.contactId)!, labels.get(c.id)));
    return views;
  }

  private async channel(id: string): Promise<Channel> {
    let channel = this.channels.get(id);
    if (!channel) {
      channel = await this.db.getRepository(Channel).findOneByOrFail({ id });
      this.channels.set(id, channel);
    }
    return channel;
  }

  private phase(filter: ConversationFilter, phase: 0 | 1, cursor: ListCursor | null, take: number): Promise<Conversation[]> {
    const qb = this.db.getRepository(Conversation).createQueryBuilder('c');
    this.applyFilter(qb, filter);
    if (phase === 0) {
      qb.andWhere('c.dueAt IS NOT NULL');
      if (cursor) qb.andWhere('(c.dueAt, c.waitingSince, c.id) > (:d, :w, :i)', { d: cursor.dueAt, w: cursor.waitingSince, i: cursor.id });
      qb.orderBy('c.dueAt', 'ASC');
    } else {
      qb.andWhere('c.dueAt IS NULL');
      if (cursor) qb.andWhere('(c.waitingSince, c.id) > (:w, :i)', { w: cursor.waitingSince, i: cursor.id });
    }
    return qb.addOrderBy('c.waitingSince', 'ASC').addOrderBy('c.id', 'ASC').take(take).getMany();
  }

  private applyFilter(qb: SelectQueryBuilder<Conversation>, f: ConversationFilter): void {
    if (f.statuses?.length === 1) qb.andWhere('c.status = :status', { status: f.statuses[0] });
    else if (f.statuses?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: f.statuses });
    else qb.andWhere('c.status <> :resolved', { resolved: 'resolved' });
    if (f.channelId) qb.andWhere('c.channelId = :channelId', { channelId: f.channelId });
    if (f.teamId !== undefined) qb.andWhere('c.teamId = :teamId', { teamId: f.teamId });
    if (f.assigneeId === null) qb.andWhere('c.assigneeId IS NULL');
    else if (f.assigneeId !== undefined) qb.andWhere('c.assigneeId = :assigneeId', { assigneeId: f.assigneeId });
    // Past its deadline; a breached conversation always is (slaState follows dueAt), and a range on dueAt keeps the walk on the index.
    if (f.labelId !== undefined) {
      qb.andWhere('c.id IN (SELECT cl."conversationId" FROM conversation_labels cl WHERE cl."labelId" = :labelId)', { labelId: f.labelId });
    }
    if (f.heldByBot !== undefined) qb.andWhere('c.heldByBot = :heldByBot', { heldByBot: f.heldByBot });
    if (f.breaching) qb.andWhere('c.dueAt <= :now', { now: this.clock.now().getTime() });
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere(new Brackets((b) => b
        .where("LOWER(c.subject) LIKE LOWER(:like) ESCAPE '\\'", { like })
        .orWhere("c.contactId IN (SELECT k.id FROM contacts k WHERE LOWER(k.name) LIKE LOWER(:like) ESCAPE '\\')")
        .orWhere("c.id IN (SELECT m.\"conversationId\" FROM messages m WHERE LOWER(m.body) LIKE LOWER(:like) ESCAPE '\\')")));
    }
  }
}
