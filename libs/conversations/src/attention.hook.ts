import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConversationChange, ConversationHook, ConversationHooks } from './conversation-hooks';
import type { ConversationTx } from './conversation-tx';
import { Conversation } from './entities';

/**
 * Keeps the fields that draw an agent's attention current in every transaction that changes a conversation:
 * a snooze ends with any other status (a customer's message reopens it before its time, so its timer finds it
 * open and does nothing), and the assignee's unread count grows with each customer message.
 */
@Injectable()
export class AttentionHook implements ConversationHook, OnModuleInit {
  readonly reactsTo = ['inbound', 'status', 'assignment'] as const;
  constructor(private readonly hooks: ConversationHooks) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  onChange(c: Conversation, change: ConversationChange, _tx: ConversationTx, _at: Date): void {
    if (change.kind === 'status' && change.to !== 'snoozed') c.snoozedUntil = null;
    if (change.kind === 'inbound' && !change.message.automatic && c.assigneeId !== null) c.unreadCount = (c.unreadCount ?? 0) + 1;
    // A new assignee has not read what waits for them: one unread while the customer waits, else none.
    if (change.kind === 'assignment') c.unreadCount = c.assigneeId !== null && c.awaitingReply ? 1 : 0;
  }
}
