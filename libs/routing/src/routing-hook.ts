import { Injectable, OnModuleInit } from '@nestjs/common';
import { Conversation, ConversationChange, ConversationHook, ConversationHooks, ConversationTx } from '@app/conversations';
import { TeamsService } from './teams.service';

/**
 * Inside the transaction that opens a conversation: it joins the queue of the team that takes its channel.
 * A conversation that loses its assignee goes back to its team's queue, and its overflow timer starts again.
 */
@Injectable()
export class RoutingHook implements ConversationHook, OnModuleInit {
  readonly reactsTo = ['inbound', 'assignment', 'handover'] as const;
  constructor(private readonly hooks: ConversationHooks, private readonly teams: TeamsService) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  onChange(c: Conversation, change: ConversationChange, _tx: ConversationTx, at: Date): void | Promise<void> {
    if (change.kind === 'inbound' && change.createdConversation && c.teamId == null) return this.queueInTeam(c, at);
    if (change.kind === 'assignment' && change.to === null && c.teamId != null) c.queuedAt = at;
    else if (change.kind === 'handover') return this.queueAfterHandover(c, at);
  }

  private async queueInTeam(c: Conversation, at: Date): Promise<void> {
    const team = await this.teams.forChannel(c.channelId);
    if (team) {
      c.teamId = team.id;
      c.queuedAt = at;
    }
  }

  /** The bot's handover: the wait in the queue (and the overflow timer) starts now. */
  private async queueAfterHandover(c: Conversation, at: Date): Promise<void> {
    c.teamId ??= (await this.teams.forChannel(c.channelId))?.id ?? null;
    c.queuedAt = at;
  }
}
