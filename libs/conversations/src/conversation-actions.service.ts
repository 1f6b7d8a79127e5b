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
    return this.change(conversationId, 'assigned', async (c) => {
      c.assigneeId = agentId;
    });
  }

  setStatus(conversationId: number, status: ConversationStatus): Promise<Conversation> {
    return this.change(conversationId, 'status', async (c, tx, now) => {
      if (c.status === status) return;
      const from = c.status;
      c.status = status;
      await this.hooks.run(c, { kind: 'status', from, to: status }, tx, now);
    });
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
