import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Conversation, DomainEvents, heldByBot } from '@app/conversations';
import { OverflowTimers } from './overflow-timers';
import { QueueDrainer } from './queue-drainer';

/**
 * What lets a queue move, heard where it happens (each process drains for the events it emits itself; the claim
 * is atomic in the database, so processes draining the same team at once never overfill an agent):
 * - a conversation waiting unassigned in a team (new, returned, moved, unassigned, handed over by the bot): its team's queue, and its overflow timer;
 * - a held conversation no longer open (resolved, pending, snoozed): the holder's teams;
 * - at start, every team once (what was left waiting while no process ran). Never a periodic sweep.
 * An agent coming online or getting more capacity drains its teams from the availability service.
 */
@Injectable()
export class RoutingTriggers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RoutingTriggers.name);
  private unsubscribe: Array<() => void> = [];

  constructor(private readonly events: DomainEvents, private readonly drainer: QueueDrainer, private readonly overflow: OverflowTimers) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe.push(
      this.events.onLocal('conversation.updated', ({ conversation }) => this.react(conversation)),
      // The bot handed a conversation to the agents: it waits in its team's queue from now.
      this.events.onLocal('conversation.needs_agent', ({ conversation }) => this.react(conversation)),
      this.events.onLocal('routing.changed', ({ teamIds }) => teamIds.forEach((id) => void this.drainer.drain(id))),
    );
    await this.drainer.drainAll();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe.splice(0).forEach((off) => off());
    await this.drainer.idle();
  }

  private react(c: Conversation): void {
    const failed = (err: Error) => this.logger.error(`routing conversation ${c.id}: ${err.message}`);
    if (heldByBot(c)) return;
    if (c.teamId != null && c.status === 'open' && c.assigneeId === null) {
      void this.drainer.drain(c.teamId);
      this.overflow.schedule(c).catch(failed);
    } else if (c.assigneeId !== null && c.status !== 'open') {
      this.drainer.drainTeamsOf(c.assigneeId).catch(failed);
    }
  }
}
