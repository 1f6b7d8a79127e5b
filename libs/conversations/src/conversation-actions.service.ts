import { Injectable } from '@nestjs/common';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ConversationHooks } from './conversation-hooks';
import { ConversationTx } from './conversation-tx';
import { DomainEvents } from './domain-events';
import { Contact, ContactIdentity, Conversation, ConversationStatus } from './entities';
import { InvalidRequestError, NotFoundError } from './errors';

/** Agents' actions on a conversation and on contacts: assignment, status, merging identities. */
@Injectable()
export class ConversationActions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly hooks: ConversationHooks,
    private readonly clock: Clock,
  ) {}

  /** `agentExists` is checked by the caller's agents library, which this one does not import. */
  assign(conversationId: number, agentId: number | null): Promise<Conversation> {
    return this.change(conversationId, 'assigned', async (c, tx, now) => {
      if (c.assigneeId === agentId) return;
      const from = c.assigneeId;
      c.assigneeId = agentId;
      await this.hooks.run(c, { kind: 'assignment', from, to: agentId }, tx, now);
    });
  }

  /**
   * `until` is required for `snoozed` (the moment it reopens, in the future) and refused otherwise; snoozing a
   * snoozed conversation again moves its moment. Any other status ends the snooze.
   */
  setStatus(conversationId: number, status: ConversationStatus, until?: Date): Promise<Conversation> {
    if (status === 'snoozed' && !until) throw new InvalidRequestError('until', 'snoozing needs until: the moment the conversation reopens');
    if (status !== 'snoozed' && until) throw new InvalidRequestError('until', 'until is only for status snoozed');
    return this.change(conversationId, 'status', async (c, tx, now) => {
      if (until) {
        if (until.getTime() <= now.getTime()) throw new InvalidRequestError('until', 'must be in the future');
        if (c.status === 'resolved') throw new InvalidRequestError('status', 'a resolved conversation cannot be snoozed');
        c.snoozedUntil = until;
      }
      if (c.status === status) return;
      const from = c.status;
      c.status = status;
      await this.hooks.run(c, { kind: 'status', from, to: status }, tx, now);
    });
  }

  /**
   * The snooze timer's wake-up: reopens the conversation only if it is still snoozed until exactly `until` (a
   * customer message, an agent or a new snooze since then make this timer stale). The row is locked while read,
   * so of two timers firing together one reopens it and the other finds it open: null, nothing done.
   */
  async wake(conversationId: number, until: Date): Promise<Conversation | null> {
    const woken = await ConversationTx.within(this.uow, async (tx) => {
      const c = await tx.conversation('id = ?', [conversationId]);
      if (!c || c.status !== 'snoozed' || c.snoozedUntil?.getTime() !== until.getTime()) return null;
      const now = this.clock.now();
      c.status = 'open';
      await this.hooks.run(c, { kind: 'status', from: 'snoozed', to: 'open' }, tx, now);
      c.updatedAt = now;
      await tx.updateConversation(c);
      return c;
    });
    if (woken) this.events.emit('conversation.updated', { conversation: woken, reason: 'snooze.woke' });
    return woken;
  }

  /** The assignee opened the conversation: nothing of it is unread any more. False when it is not theirs. */
  async markRead(conversationId: number, agentId: number): Promise<boolean> {
    const conversation = await ConversationTx.within(this.uow, async (tx) => {
      const c = await tx.conversation('id = ?', [conversationId]);
      if (!c) throw new NotFoundError('conversation', conversationId);
      if (c.assigneeId !== agentId || c.unreadCount === 0) return null;
      c.unreadCount = 0;
      await tx.updateConversation(c);
      return c;
    });
    if (conversation) this.events.emit('conversation.updated', { conversation, reason: 'read' });
    return conversation !== null;
  }

  /** Moves the other contact's identities and conversations to this one; the other is kept as a pointer. */
  async merge(contactId: number, otherId: number): Promise<void> {
    if (contactId === otherId) throw new InvalidRequestError('contactId', 'a contact cannot be merged into itself');
    await this.uow.run(async (m) => {
      const [target, other] = await Promise.all([m.findOneBy(Contact, { id: contactId }), m.findOneBy(Contact, { id: otherId })]);
      if (!target) throw new NotFoundError('contact', contactId);
      if (!other) throw new NotFoundError('contact', otherId);
      await m.update(ContactIdentity, { contactId: otherId }, { contactId });
      await m.update(Conversation, { contactId: otherId }, { contactId });
      other.mergedIntoId = contactId;
      await m.save(other);
    });
  }

  private async change(
    id: number,
    reason: string,
    apply: (c: Conversation, tx: ConversationTx, now: Date) => Promise<void>,
  ): Promise<Conversation> {
    const conversation = await ConversationTx.within(this.uow, async (tx) => {
      const c = await tx.conversation('id = ?', [id]);
      if (!c) throw new NotFoundError('conversation', id);
      const now = this.clock.now();
      await apply(c, tx, now);
      c.updatedAt = now;
      await tx.updateConversation(c);
      return c;
    });
    this.events.emit('conversation.updated', { conversation, reason });
    return conversation;
  }
}
