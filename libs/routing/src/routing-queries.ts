import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Agent } from '@app/agents';
import { Conversation, ConversationQueries, ConversationView, NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { RoutingMove } from './entities';
import { byQueueOrder } from './queue-order.util';
import { TeamsService, TeamView } from './teams.service';

export interface TeamMemberLoad {
  agentId: number;
  name: string;
  lead: boolean;
  availability: string;
  /** Offline or disconnected within the grace period: takes nothing new. */
  away: boolean;
  holding: number;
  capacity: number;
}

export interface TeamQueue {
  team: TeamView;
  waiting: ConversationView[];
  longestWaitSeconds: number | null;
  members: TeamMemberLoad[];
}

export interface TeamQueueLine {
  teamId: number;
  name: string;
  line: number;
  waiting: number;
  /** Waiting conversations that came from another team's overflow. */
  overflowed: number;
  longestWaitSeconds: number | null;
  online: number;
  room: number;
}

/** The read side of routing: a team's queue view, the board's line per team, a conversation's routing history. */
@Injectable()
export class RoutingQueries {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly teams: TeamsService,
    private readonly conversations: ConversationQueries,
    private readonly clock: Clock,
  ) {}

  async queue(teamId: number, limit = 100): Promise<TeamQueue> {
    const team = await this.teams.get(teamId);
    const waiting = await this.waiting([teamId], limit);
    return { team, waiting: await this.conversations.views(waiting), longestWaitSeconds: this.longestWait(waiting), members: await this.loads(team) };
  }

  async board(): Promise<{ at: string; teams: TeamQueueLine[] }> {
    const teams = await this.teams.list();
    const waiting = await this.waiting(teams.map((t) => t.id), 10_000);
    const overflowed = new Set<number>();
    if (waiting.length) {
      const moves = await this.db.getRepository(RoutingMove).find({ where: { conversationId: In(waiting.map((c) => c.id)) }, order: { id: 'ASC' } });
      const last = new Map(moves.filter((m) => m.kind !== 'routed' && m.kind !== 'owner').map((m) => [m.conversationId, m]));
      for (const [id, m] of last) if (m.kind === 'overflow') overflowed.add(id);
    }
    const lines: TeamQueueLine[] = [];
    for (const team of teams) {
      const mine = waiting.filter((c) => c.teamId === team.id);
      const loads = await this.loads(team);
      const online = loads.filter((l) => l.availability === 'online' && !l.away);
      lines.push({
        teamId: team.id, name: team.name, line: team.line, waiting: mine.length, overflowed: mine.filter((c) => overflowed.has(c.id)).length,
        longestWaitSeconds: this.longestWait(mine), online: online.length, room: online.reduce((sum, l) => sum + Math.max(0, l.capacity - l.holding), 0),
      });
    }
    return { at: this.clock.now().toISOString(), teams: lines };
  }

  /** The conversation's team and line, the latest escalation note (shown on top), and every move. */
  async conversationRouting(conversationId: number) {
    const c = await this.db.getRepository(Conversation).findOneBy({ id: conversationId });
    if (!c) throw new NotFoundError('conversation', conversationId);
    const team = c.teamId == null ? null : await this.teams.get(c.teamId).catch(() => null);
    const moves = await this.db.getRepository(RoutingMove).find({ where: { conversationId }, order: { id: 'ASC' } });
    const view = (m: RoutingMove) => ({ kind: m.kind, fromTeamId: m.fromTeamId, toTeamId: m.toTeamId, fromAgentId: m.fromAgentId, agentId: m.agentId, note: m.note, at: m.at.toISOString() });
    const escalation = [...moves].reverse().find((m) => m.kind === 'escalation' || m.kind === 'sla-rule');
    return {
      conversationId,
      team: team ? { id: team.id, name: team.name, line: team.line } : null,
      escalation: escalation ? view(escalation) : null,
      history: moves.map(view),
    };
  }

  /** Waiting conversations in queue order (the order `QueueDrainer` takes them in). */
  private async waiting(teamIds: number[], limit: number): Promise<Conversation[]> {
    if (!teamIds.length) return [];
    const rows = await this.db.getRepository(Conversation).createQueryBuilder('c')
      .where('c.teamId IN (:...teamIds) AND c.status = :open AND c.assigneeId IS NULL', { teamIds, open: 'open' }).getMany();
    return rows.sort(byQueueOrder).slice(0, limit);
  }

  private longestWait(waiting: Conversation[]): number | null {
    if (!waiting.length) return null;
    const oldest = Math.min(...waiting.map((c) => c.waitingSince.getTime()));
    return Math.max(0, Math.round((this.clock.now().getTime() - oldest) / 1000));
  }

  private async loads(team: TeamView): Promise<TeamMemberLoad[]> {
    const ids = team.members.map((m) => m.agentId);
    if (!ids.length) return [];
    const agents = await this.db.getRepository(Agent).findBy({ id: In(ids) });
    const counts: Array<{ agentId: unknown; n: unknown }> = await this.db.getRepository(Conversation).createQueryBuilder('c')
      .select('c.assigneeId', 'agentId').addSelect('COUNT(*)', 'n')
      .where('c.assigneeId IN (:...ids) AND c.status = :open', { ids, open: 'open' }).groupBy('c.assigneeId').getRawMany();
    const holding = new Map(counts.map((r) => [Number(r.agentId), Number(r.n)]));
    return team.members.flatMap((m) => {
      const a = agents.find((x) => x.id === m.agentId);
      if (!a) return [];
      return [{
        agentId: a.id, name: a.name, lead: m.lead, availability: a.availability, away: a.awayDueAt !== null,
        holding: holding.get(a.id) ?? 0, capacity: a.routingCapacity ?? this.config.routing.defaultCapacity,
      }];
    });
  }
}
