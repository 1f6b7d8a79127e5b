import { Injectable } from '@nestjs/common';
import { Conversation, ConversationTx, DomainEvents, Message, NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { recordMove } from './routing-history';
import { TeamsService } from './teams.service';

/**
 * The one entry point for whatever hands a conversation to people (the bot when it gives up or the customer asks
 * for a person): "this conversation needs an agent". It joins the named team's queue, else its own team's, else
 * the queue of the team that takes its channel, with an optional internal note (what the bot learned), and the
 * queue is drained at once.
 */
@Injectable()
export class AgentQueue {
  constructor(private readonly uow: UnitOfWork, private readonly teams: TeamsService, private readonly events: DomainEvents, private readonly clock: Clock) {}

  /** Resolves the conversation as queued (unchanged when it already has an agent). */
  async needsAgent(conversationId: number, options: { teamId?: number; note?: string } = {}): Promise<Conversation> {
    const channelTeam = async (channelId: string) => (await this.teams.forChannel(channelId))?.id ?? null;
    const done = await ConversationTx.within(this.uow, async (tx) => {
      const c = await tx.conversation('id = ?', [conversationId]);
      if (!c) throw new NotFoundError('conversation', conversationId);
      if (c.assigneeId !== null) return { conversation: c, message: null };
      const now = this.clock.now();
      const fromTeamId = c.teamId;
      c.teamId = options.teamId ?? c.teamId ?? (await channelTeam(c.channelId));
      c.queuedAt = now;
      if (c.status !== 'open') c.status = 'open';
      const message = options.note
        ? await tx.addMessage(c, { direction: 'note', body: options.note, authorId: null, automatic: true, meta: { kind: 'handover' } }, now)
        : null;
      c.updatedAt = now;
      await tx.updateConversation(c);
      await recordMove(tx.sql, { conversationId: c.id, kind: 'handover', fromTeamId, toTeamId: c.teamId, note: options.note ?? null, at: now });
      return { conversation: c, message };
    });
    const { conversation, message } = done as { conversation: Conversation; message: Message | null };
    if (message) this.events.emit('message.created', { message, conversation });
    this.events.emit('conversation.updated', { conversation, reason: 'handover' });
    return conversation;
  }
}
