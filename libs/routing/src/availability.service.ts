import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Agent, AgentAvailability, AgentPresence } from '@app/agents';
import { Conversation, ConversationHooks, ConversationTx, DomainEvents, NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { JobQueues } from '@app/platform/jobs/job-queues';
import { QueueDrainer } from './queue-drainer';
import { recordMove } from './routing-history';
import { TeamsService } from './teams.service';

export const AWAY_QUEUE = 'routing.away';
/** `awayDueAt` once the agent's conversations went back: still away (takes nothing), nothing left to return. */
const RETURNED = 0;

export interface AvailabilityView {
  agentId: number;
  availability: AgentAvailability;
  /** Open conversations assigned to the agent: what counts toward capacity. */
  holding: number;
  capacity: number;
}

/**
 * Each agent's availability and capacity. An agent who goes offline, or whose last inbox connection closes, is
 * away: it takes nothing new, and when the grace period (`routing.offlineGraceSeconds`) ends its open conversations
 * still waiting for an answer return to their teams' queues. The end of the grace period is a durable timer keyed
 * by agent and moment; the return is claimed with a conditional update of `awayDueAt`, so it happens once, also
 * after a restart (the timers of agents still away are set again at start).
 */
@Injectable()
export class AvailabilityService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AvailabilityService.name);
  private stop: () => Promise<void> = async () => undefined;
  private readonly offPresence: Array<() => void> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueues,
    private readonly presence: AgentPresence,
    private readonly hooks: ConversationHooks,
    private readonly events: DomainEvents,
    private readonly drainer: QueueDrainer,
    private readonly teams: TeamsService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stop = await this.jobs.consume(AWAY_QUEUE, (data) => this.endGrace(Number(data.agentId), Number(data.dueAt)));
    const onConnected = (agentId: number) => void this.connected(agentId).catch((err) => this.logger.warn(`presence of agent ${agentId}: ${err.message}`));
    const onDisconnected = (agentId: number) => void this.disconnected(agentId).catch((err) => this.logger.warn(`presence of agent ${agentId}: ${err.message}`));
    this.presence.changes.on('connected', onConnected);
    this.presence.changes.on('disconnected', onDisconnected);
    this.offPresence.push(() => this.presence.changes.off('connected', onConnected), () => this.presence.changes.off('disconnected', onDisconnected));
    const away = await this.db.getRepository(Agent).createQueryBuilder('a').where('a.awayDueAt > :returned', { returned: RETURNED }).getMany();
    for (const agent of away) await this.scheduleReturn(agent.id, agent.awayDueAt!.getTime());
  }

  async onApplicationShutdown(): Promise<void> {
    this.offPresence.splice(0).forEach((off) => off());
    await this.stop();
  }

  async get(agentId: number): Promise<AvailabilityView> {
    const agent = await this.db.getRepository(Agent).findOneBy({ id: agentId });
    if (!agent) throw new NotFoundError('agent', agentId);
    const holding = await this.db.getRepository(Conversation).countBy({ assigneeId: agentId, status: 'open' });
    return { agentId, availability: agent.availability, holding, capacity: this.capacityOf(agent) };
  }

  capacityOf(agent: Pick<Agent, 'routingCapacity'>): number {
    return agent.routingCapacity ?? this.config.routing.defaultCapacity;
  }

  async setAvailability(agentId: number, availability: AgentAvailability): Promise<AvailabilityView> {
    const now = this.clock.now().getTime();
    const dueAt = availability === 'offline' ? now + this.config.routing.offlineGraceMs : null;
    const changed = await this.db.getRepository(Agent).createQueryBuilder().update()
      .set({ availability, ...(availability === 'offline' ? {} : { awayDueAt: null }) })
      .where('id = :agentId AND availability <> :availability', { agentId, availability }).execute();
    if (changed.affected && dueAt !== null) {
      await this.db.getRepository(Agent).update({ id: agentId }, { awayDueAt: new Date(dueAt) });
      await this.scheduleReturn(agentId, dueAt);
    }
    if (changed.affected) await this.changed(agentId, availability === 'online');
    return this.get(agentId);
  }

  /** Ops set the agent's capacity; raising it lets the queue through at once. */
  async setCapacity(agentId: number, capacity: number): Promise<AvailabilityView> {
    const result = await this.db.getRepository(Agent).update({ id: agentId }, { routingCapacity: capacity, capacity });
    if (!result.affected) throw new NotFoundError('agent', agentId);
    await this.changed(agentId, true);
    return this.get(agentId);
  }

  private async changed(agentId: number, mayTakeMore: boolean): Promise<void> {
    this.events.emit('routing.changed', { teamIds: (await this.teams.teamsOf(agentId)).map((t) => t.id), agentId });
    if (mayTakeMore) await this.drainer.drainTeamsOf(agentId);
  }

  /** The agent's inbox connected again: no longer away (unless it said offline). */
  private async connected(agentId: number): Promise<void> {
    const result = await this.db.getRepository(Agent).createQueryBuilder().update().set({ awayDueAt: null })
      .where('id = :agentId AND availability <> :offline AND "awayDueAt" IS NOT NULL', { agentId, offline: 'offline' }).execute();
    if (result.affected) await this.changed(agentId, true);
  }

  /** The agent's last connection here closed without going offline: away, with a grace period. */
  private async disconnected(agentId: number): Promise<void> {
    const dueAt = this.clock.now().getTime() + this.config.routing.offlineGraceMs;
    const result = await this.db.getRepository(Agent).createQueryBuilder().update().set({ awayDueAt: new Date(dueAt) })
      .where('id = :agentId AND availability <> :offline AND "awayDueAt" IS NULL', { agentId, offline: 'offline' }).execute();
    if (!result.affected) return;
    await this.scheduleReturn(agentId, dueAt);
    await this.changed(agentId, false);
  }

  private scheduleReturn(agentId: number, dueAt: number): Promise<void> {
    return this.jobs.add(AWAY_QUEUE, `${agentId}:${dueAt}`, { agentId, dueAt }, dueAt);
  }

  /** The grace period is over: unless the agent came back, its unanswered open conversations return to the queue. */
  private async endGrace(agentId: number, dueAt: number): Promise<void> {
    const agent = await this.db.getRepository(Agent).findOneBy({ id: agentId });
    if (!agent || agent.awayDueAt?.getTime() !== dueAt) return;
    if (agent.availability !== 'offline' && this.presence.isOnline(agentId)) {
      await this.connected(agentId); // connected to another process of the cluster all along
      return;
    }
    const returned = await ConversationTx.within(this.uow, async (tx) => {
      if (!(await tx.sql.run('UPDATE agents SET "awayDueAt" = ? WHERE id = ? AND "awayDueAt" = ?', [RETURNED, agentId, dueAt]))) return [];
      const now = this.clock.now();
      const held = await tx.conversations('"assigneeId" = ? AND status = ? AND "awaitingReply" = ?', [agentId, 'open', true]);
      for (const c of held) {
        c.assigneeId = null;
        await this.hooks.run(c, { kind: 'assignment', from: agentId, to: null }, tx, now);
        c.updatedAt = now;
        await tx.updateConversation(c);
        await recordMove(tx.sql, { conversationId: c.id, kind: 'returned', fromTeamId: c.teamId, toTeamId: c.teamId, fromAgentId: agentId, at: now });
      }
      return held;
    });
    if (returned.length) this.logger.log(`agent ${agentId} away past the grace period: ${returned.length} conversation(s) back in the queue`);
    for (const conversation of returned) this.events.emit('conversation.updated', { conversation, reason: 'returned' });
  }
}
