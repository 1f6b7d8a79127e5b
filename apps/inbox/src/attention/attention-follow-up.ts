import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { AttentionTimers } from './attention-timers';

/**
 * After a commit in this process: a snooze gets its wake-up timer, a note's reminder its timer, and the agents a
 * note mentions get a notice. Only this process's events (`onLocal`), so each is done once in a cluster.
 */
@Injectable()
export class AttentionFollowUp implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AttentionFollowUp.name);
  private readonly off: Array<() => void> = [];

  constructor(private readonly events: DomainEvents, private readonly timers: AttentionTimers, private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  onModuleInit(): void {
    this.off.push(
      this.events.onLocal('conversation.updated', ({ conversation: c }) => {
        if (c.status === 'snoozed' && c.snoozedUntil) this.timers.wakeUp(c.id, c.snoozedUntil).catch((err) => this.failed('wake-up', err));
      }),
      this.events.onLocal('message.created', ({ message }) => {
        if (message.direction === 'note') this.noteAdded(message.id, message.body).catch((err) => this.failed('note follow-up', err));
      }),
    );
  }

  onModuleDestroy(): void {
    this.off.forEach((off) => off());
  }

  private async noteAdded(messageId: number, text: string): Promise<void> {
    const [reminders, mentions] = await this.uow.runSql((sql) => Promise.all([
      sql.all<{ id: number; remindAt: number }>('SELECT id, "remindAt" FROM reminders WHERE "messageId" = ?', [messageId]),
      sql.all<{ conversationId: number; agentId: number; byAgentId: number | null }>('SELECT "conversationId", "agentId", "byAgentId" FROM mentions WHERE "messageId" = ?', [messageId]),
    ]));
    for (const r of reminders) await this.timers.remind(Number(r.id), new Date(Number(r.remindAt)));
    const at = this.clock.now().toISOString();
    for (const m of mentions) {
      this.events.emit('agent.notice', {
        agentId: Number(m.agentId), kind: 'mention', conversationId: Number(m.conversationId), at, messageId, byAgentId: m.byAgentId === null ? null : Number(m.byAgentId), text,
      });
    }
  }

  private failed(what: string, err: Error): void {
    this.logger.error(`${what} failed: ${err.message}`);
  }
}
