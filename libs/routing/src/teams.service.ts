import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Agent } from '@app/agents';
import { DomainEvents, InvalidRequestError, NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { Team, TeamAssignment, TeamMember } from './entities';

export interface TeamInput {
  name?: string;
  line?: number;
  channels?: string[];
  assignment?: TeamAssignment;
  overflowTeamId?: number | null;
  overflowAfterSeconds?: number | null;
  members?: Array<{ agentId: number; lead?: boolean }>;
}

export interface TeamView {
  id: number;
  name: string;
  line: number;
  channels: string[];
  assignment: TeamAssignment;
  overflowTeamId: number | null;
  overflowAfterSeconds: number | null;
  members: Array<{ agentId: number; lead: boolean }>;
}

/**
 * Teams and their members. Every process keeps the list in memory (read on each new conversation to pick its
 * team) and reloads it when any process says a team changed (`routing.changed`).
 */
@Injectable()
export class TeamsService implements OnModuleInit, OnModuleDestroy {
  private cache: Promise<TeamView[]> | null = null;
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly db: DataSource, private readonly uow: UnitOfWork, private readonly events: DomainEvents, private readonly clock: Clock) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.on('routing.changed', () => (this.cache = null));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  list(): Promise<TeamView[]> {
    this.cache ??= this.load().catch((err) => {
      this.cache = null;
      throw err;
    });
    return this.cache;
  }

  async get(id: number): Promise<TeamView> {
    const team = (await this.list()).find((t) => t.id === id);
    if (!team) throw new NotFoundError('team', id);
    return team;
  }

  /** The team that takes a new conversation of this channel: the lowest line, then the oldest team; null when none does. */
  async forChannel(channelId: string): Promise<TeamView | null> {
    return (await this.list()).filter((t) => t.channels.includes(channelId)).sort((a, b) => a.line - b.line || a.id - b.id)[0] ?? null;
  }

  async teamsOf(agentId: number): Promise<TeamView[]> {
    return (await this.list()).filter((t) => t.members.some((m) => m.agentId === agentId));
  }

  async create(input: TeamInput): Promise<TeamView> {
    if (!input.name) throw new InvalidRequestError('name', 'a team needs a name');
    const id = await this.uow.run(async (m) => {
      await this.check(m.connection, input, null);
      const team = await m.save(m.create(Team, {
        name: input.name!, line: input.line ?? 1, channels: input.channels ?? [], assignment: input.assignment ?? 'manual',
        overflowTeamId: input.overflowTeamId ?? null, overflowAfterSeconds: input.overflowAfterSeconds ?? null, createdAt: this.clock.now(),
      }));
      if (input.members) await m.insert(TeamMember, input.members.map((x) => ({ teamId: team.id, agentId: x.agentId, lead: x.lead ?? false })));
      return team.id;
    });
    return this.changed(id);
  }

  async update(id: number, input: TeamInput): Promise<TeamView> {
    await this.uow.run(async (m) => {
      const team = await m.findOneBy(Team, { id });
      if (!team) throw new NotFoundError('team', id);
      await this.check(m.connection, input, id);
      const { members, ...fields } = input;
      Object.assign(team, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
      await m.save(team);
      if (members) {
        await m.delete(TeamMember, { teamId: id });
        if (members.length) await m.insert(TeamMember, members.map((x) => ({ teamId: id, agentId: x.agentId, lead: x.lead ?? false })));
      }
    });
    return this.changed(id);
  }

  async remove(id: number): Promise<void> {
    await this.uow.run(async (m) => {
      if (!(await m.existsBy(Team, { id }))) throw new NotFoundError('team', id);
      await m.update(Team, { overflowTeamId: id }, { overflowTeamId: null });
      // Its waiting conversations leave the queue (they stay in the inbox, unassigned).
      await m.query(`UPDATE conversations SET "teamId" = NULL WHERE "teamId" = ${Number(id)}`);
      await m.delete(TeamMember, { teamId: id });
      await m.delete(Team, { id });
    });
    this.cache = null;
    this.events.emit('routing.changed', { teamIds: [id] });
  }

  private async changed(id: number): Promise<TeamView> {
    this.cache = null;
    this.events.emit('routing.changed', { teamIds: [id] });
    return this.get(id);
  }

  /** The references a team holds must exist: 400 naming the field otherwise. */
  private async check(db: DataSource, input: TeamInput, id: number | null): Promise<void> {
    if (input.name !== undefined) {
      const same = await db.getRepository(Team).findOneBy({ name: input.name });
      if (same && same.id !== id) throw new InvalidRequestError('name', `a team named ${input.name} already exists`);
    }
    if (input.overflowTeamId !== undefined && input.overflowTeamId !== null) {
      if (input.overflowTeamId === id) throw new InvalidRequestError('overflowTeamId', 'a team cannot overflow into itself');
      if (!(await db.getRepository(Team).existsBy({ id: input.overflowTeamId }))) throw new InvalidRequestError('overflowTeamId', `no team with id ${input.overflowTeamId}`);
    }
    if (input.members?.length) {
      const ids = [...new Set(input.members.map((m) => m.agentId))];
      if (ids.length !== input.members.length) throw new InvalidRequestError('members', 'an agent is listed twice');
      const found = await db.getRepository(Agent).countBy({ id: In(ids), active: true });
      if (found !== ids.length) throw new InvalidRequestError('members', 'every member must be an active agent');
    }
  }

  private async load(): Promise<TeamView[]> {
    const [teams, members] = await Promise.all([
      this.db.getRepository(Team).find({ order: { id: 'ASC' } }),
      this.db.getRepository(TeamMember).find({ order: { agentId: 'ASC' } }),
    ]);
    return teams.map((t) => ({
      id: t.id, name: t.name, line: t.line, channels: t.channels.filter(Boolean), assignment: t.assignment,
      overflowTeamId: t.overflowTeamId, overflowAfterSeconds: t.overflowAfterSeconds,
      members: members.filter((m) => m.teamId === t.id).map((m) => ({ agentId: m.agentId, lead: !!m.lead })),
    }));
  }
}
