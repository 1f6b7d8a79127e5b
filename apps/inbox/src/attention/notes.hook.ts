import { Injectable, OnModuleInit } from '@nestjs/common';
import { Conversation, ConversationChange, ConversationHook, ConversationHooks, ConversationTx } from '@app/conversations';
import { mentionedAgents, Mentionable } from './mention-names.util';

/** What a note's `meta.reminder` holds: set by the API from `remindAt` and `remindFor`. */
export interface NoteReminder {
  at: number;
  agentId: number;
}

/**
 * Records, in the transaction that adds a note, the reminder it carries and the agents its `@name`s mention, so
 * a crash can lose neither: the timers and the notices start from these rows after the commit.
 */
@Injectable()
export class NotesHook implements ConversationHook, OnModuleInit {
  readonly reactsTo = ['note'] as const;
  constructor(private readonly hooks: ConversationHooks) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onChange(c: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): Promise<void> {
    if (change.kind !== 'note') return;
    const note = change.message;
    await tx.flush(); // the note's id is set when it is written
    const reminder = note.meta?.reminder as NoteReminder | undefined;
    if (reminder) {
      await tx.sql.insert(
        'INSERT INTO reminders ("conversationId", "messageId", "agentId", "createdById", "remindAt", "firedAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
        [c.id, note.id, reminder.agentId, note.authorId, reminder.at, null, at.getTime()]);
    }
    if (!note.body.includes('@')) return;
    const agents = await tx.sql.all<Mentionable>('SELECT id, name, email FROM agents WHERE active = ?', [true]);
    const mentioned = mentionedAgents(note.body, agents.map((a) => ({ ...a, id: Number(a.id) }))).filter((id) => id !== note.authorId);
    if (mentioned.length) {
      await tx.sql.insertMany('mentions', ['conversationId', 'messageId', 'agentId', 'byAgentId', 'createdAt'],
        mentioned.map((agentId) => [c.id, note.id, agentId, note.authorId, at.getTime()]));
    }
  }
}
