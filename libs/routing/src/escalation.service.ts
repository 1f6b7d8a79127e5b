import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Conversation, ConversationHooks, ConversationTx, DomainEvents, InvalidRequestError, Message, NotFoundError, SlaAlert } from '@app/conversations';
import { ReportingEventWriter } from '@app/insights';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { PolicyRegistry } from '@app/sla';
import { RoutingMoveKind } from './entities';
import { recordMove } from './routing-history';
import { TeamsService, TeamView } from './teams.service';

/**
 * Escalation: an agent moves a conversation to the next line (or a named team) with a note the next agent reads
 * first; and the SLA rules of `routing.escalation` (per policy: a channel id or a channel type), which on a warning
 * or breach tell the team's leads and may move the conversation to a named team. Every move is in the history.
 */
@Injectable()
export class EscalationService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EscalationService.name);
  private unsubscribe: Array<() => void> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly hooks: ConversationHooks,
    private readonly events: DomainEvents,
    private readonly teams: TeamsService,
    private readonly policies: PolicyRegistry,
    private readonly reporting: ReportingEventWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // Where the SLA clock fires (one worker), so each alert is acted on once.
    this.unsubscribe.push(
      this.events.onLocal('sla.warning', (alert) => void this.onAlert('warning', alert)),
      this.events.onLocal('sla.breached', (alert) => void this.onAlert('breach', alert)),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
  }

  /** Moves the conversation to `teamId`, or to the first team of the next line, unassigned, with the agent's note on top. */
  async escalate(conversationId: number, agentId: number, input: { teamId?: number; note: string }): Promise<{ conversation: Conversation; team: TeamView }> {
    const teams = await this.teams.list();
    if (input.teamId !== undefined && !teams.some((t) => t.id === input.teamId)) throw new InvalidRequestError('teamId', `no team with id ${input.teamId}`);
    const result = await this.move(conversationId, 'escalation', agentId, input.note, (current) => {
      if (input.teamId !== undefined) return teams.find((t) => t.id === input.teamId)!;
      const line = current?.line ?? 1;
      const next = teams.filter((t) => t.line > line).sort((a, b) => a.line - b.line || a.id - b.id)[0];
      if (!next) throw new InvalidRequestError('teamId', `no team on a line after line ${line}: name the team`);
      return next;
    });
    return result;
  }

  private async onAlert(kind: 'warning' | 'breach', alert: SlaAlert): Promise<void> {
    const rule = this.config.routing.escalation[alert.channelId] ?? this.config.routing.escalation[this.policies.channelType(alert.channelId)];
    if (!rule?.on.includes(kind)) return;
    try {
      // The leads of the team that had it when the alert fired, and of the team it moves to.
      const teamIds = [await this.teamOf(alert.conversationId)];
      if (rule.moveTo) {
        const target = (await this.teams.list()).find((t) => t.name === rule.moveTo);
        if (!target) this.logger.warn(`routing.escalation: no team named ${rule.moveTo}`);
        else teamIds.push((await this.move(alert.conversationId, 'sla-rule', null, `SLA ${kind} (${alert.target})`, () => target)).team.id);
      }
      if (rule.notifyLead) {
        const teams = (await this.teams.list()).filter((t) => teamIds.includes(t.id));
        const leads = new Set(teams.flatMap((t) => t.members.filter((m) => m.lead).map((m) => m.agentId)));
        const where = teams.map((t) => t.name).join(' → ');
        for (const agentId of leads) {
          this.events.emit('agent.notice', {
            agentId, kind: `sla-${kind}`, conversationId: alert.conversationId, at: alert.at,
            text: `SLA ${kind} on conversation #${alert.conversationId} (${alert.target})${where ? ` in ${where}` : ''}`,
          });
        }
      }
    } catch (err) {
      this.logger.error(`SLA escalation of conversation ${alert.conversationId} failed: ${(err as Error).message}`);
    }
  }

  private async teamOf(conversationId: number): Promise<number | null> {
    const [row] = await this.uow.dataSource.query(`SELECT "teamId" FROM conversations WHERE id = ${Number(conversationId)}`);
    return row?.teamId == null ? null : Number(row.teamId);
  }

  /** One move in one transaction: to the chosen team's queue, unassigned, with a note (an internal message) and a history line. */
  private async move(conversationId: number, kind: RoutingMoveKind, agentId: number | null, note: string, choose: (current: TeamView | null) => TeamView) {
    const teams = await this.teams.list();
    const done = await ConversationTx.within(this.uow, async (tx) => {
      const c = await tx.conversation('id = ?', [conversationId]);
      if (!c) throw new NotFoundError('conversation', conversationId);
      const team = choose(teams.find((t) => t.id === c.teamId) ?? null);
      const now = this.clock.now();
      const fromTeamId = c.teamId;
      const fromAgentId = c.assigneeId;
      c.teamId = team.id;
      c.queuedAt = now;
      if (fromAgentId !== null) {
        c.assigneeId = null;
        await this.hooks.run(c, { kind: 'assignment', from: fromAgentId, to: null }, tx, now);
      }
      c.queuedAt = now;
      const message = await tx.addMessage(c, {
        direction: 'note', body: note, authorId: agentId, automatic: agentId === null,
        meta: { kind: 'escalation', fromTeamId, toTeamId: team.id, line: team.line },
      }, now);
      c.updatedAt = now;
      await tx.updateConversation(c);
      await recordMove(tx.sql, { conversationId: c.id, kind, fromTeamId, toTeamId: team.id, fromAgentId, agentId, note, at: now });
      await this.reporting.record(tx.sql, { kind: 'escalation', factKey: `escalation:${c.id}:${now.getTime()}`, conversationId: c.id, channelId: c.channelId, agentId, at: now });
      return { conversation: c, team, message };
    });
    const { conversation, team, message } = done as { conversation: Conversation; team: TeamView; message: Message };
    this.events.emit('message.created', { message, conversation });
    this.events.emit('conversation.updated', { conversation, reason: kind });
    return { conversation, team };
  }
}
