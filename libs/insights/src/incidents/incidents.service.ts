import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual, Not } from 'typeorm';
import { ConflictError, Conversation, ConversationActions, DomainEvents, InvalidRequestError, Message, NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { Broadcasts, ReplyCheck } from '../broadcast/broadcasts.service';
import { Incident, IncidentLink, IncidentUpdate } from '../entities/incident.entities';
import type { IncidentSuggestion, IncidentUpdateView, IncidentView } from './api-types';
import { incidentTerms, matchingTerms } from './incident-match.util';

/** The customers' messages read for suggestions: the latest this many since the incident began. */
const SUGGESTION_SCAN = 2000;
/** Customers notice an outage before anyone opens the incident: their messages of this long before it count too. */
export const SUGGESTION_LOOKBACK_MS = 2 * 3_600_000;
const LINK_ONCE = `INSERT INTO incident_links ("incidentId", "conversationId", "linkedById", "linkedAt") VALUES (?, ?, ?, ?)
  ON CONFLICT ("incidentId", "conversationId") DO NOTHING`;
const UPDATE_ONCE = `INSERT INTO incident_updates ("incidentId", "body", "authorId", "idempotencyKey", "final", "createdAt") VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT ("incidentId", "idempotencyKey") DO NOTHING`;

export const incidentUpdateSource = (updateId: number) => `incident-update:${updateId}`;

/**
 * Outages: the conversations about one, updates told to all of them through their channels, and its resolution.
 * Every change is published (`incident.changed`, the incident as it now stands) for the agents' banners.
 */
@Injectable()
export class Incidents {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly broadcasts: Broadcasts,
    private readonly actions: ConversationActions,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async create(fields: { title: string; description: string }, agentId: number): Promise<IncidentView> {
    const incident = await this.db.getRepository(Incident).save({ ...fields, status: 'open', createdById: agentId, createdAt: this.clock.now(), resolvedAt: null });
    return this.changed(incident);
  }

  async list(status?: 'open' | 'resolved'): Promise<IncidentView[]> {
    const incidents = await this.db.getRepository(Incident).find({ where: status ? { status } : {}, order: { id: 'DESC' }, take: 200 });
    return Promise.all(incidents.map((i) => this.view(i)));
  }

  async get(id: number): Promise<IncidentView & { updates: IncidentUpdateView[] }> {
    const incident = await this.incident(id);
    const updates = await this.db.getRepository(IncidentUpdate).find({ where: { incidentId: id }, order: { id: 'ASC' } });
    return { ...(await this.view(incident)), updates: await Promise.all(updates.map((u) => this.updateView(u))) };
  }

  /** Links conversations (from one conversation or a bulk selection); linking one twice changes nothing. */
  async link(id: number, conversationIds: number[], agentId: number): Promise<IncidentView> {
    const incident = await this.incident(id);
    const found = new Set((await this.db.getRepository(Conversation).find({ select: { id: true }, where: { id: In(conversationIds) } })).map((c) => c.id));
    const missing = conversationIds.findIndex((c) => !found.has(c));
    if (missing >= 0) throw new InvalidRequestError(`conversationIds.${missing}`, `no conversation ${conversationIds[missing]}`);
    const now = this.clock.now().getTime();
    await this.uow.runSql(async (sql) => {
      for (const conversationId of conversationIds) await sql.run(LINK_ONCE, [id, conversationId, agentId, now]);
    });
    return this.changed(incident);
  }

  async unlink(id: number, conversationId: number): Promise<IncidentView> {
    const incident = await this.incident(id);
    await this.db.getRepository(IncidentLink).delete({ incidentId: id, conversationId });
    return this.changed(incident);
  }

  /**
   * Open conversations not linked yet whose customer wrote words of the incident since it began (and in the hours
   * before it was opened, when the first complaints came), best match first.
   */
  async suggestions(id: number): Promise<IncidentSuggestion[]> {
    const incident = await this.incident(id);
    const terms = incidentTerms(`${incident.title} ${incident.description}`);
    if (!terms.size) return [];
    const linked = new Set((await this.db.getRepository(IncidentLink).findBy({ incidentId: id })).map((l) => l.conversationId));
    const messages = await this.db.getRepository(Message).find({
      where: { direction: 'in', createdAt: MoreThanOrEqual(new Date(incident.createdAt.getTime() - SUGGESTION_LOOKBACK_MS)) }, order: { id: 'DESC' }, take: SUGGESTION_SCAN,
    });
    const byConversation = new Map<number, { terms: Set<string>; text: string }>();
    for (const m of messages) {
      if (linked.has(m.conversationId)) continue;
      const matched = matchingTerms(terms, m.body);
      if (!matched.length) continue;
      const entry = byConversation.get(m.conversationId) ?? { terms: new Set<string>(), text: m.body };
      matched.forEach((t) => entry.terms.add(t));
      byConversation.set(m.conversationId, entry);
    }
    if (!byConversation.size) return [];
    const open = await this.db.getRepository(Conversation).findBy({ id: In([...byConversation.keys()]), status: Not('resolved') });
    return open
      .map((c) => ({ conversationId: c.id, channelId: c.channelId, status: c.status, matched: [...byConversation.get(c.id)!.terms], text: byConversation.get(c.id)!.text }))
      .sort((a, b) => b.matched.length - a.matched.length || b.conversationId - a.conversationId);
  }

  /**
   * Tells every linked conversation. The key names the update: a repeated request (same key) is the same update,
   * resumed where it stopped, so each conversation gets it once. Conversations linked after the update began do
   * not get it by a repeat.
   */
  async postUpdate(id: number, body: string, key: string, agentId: number, checkReply: ReplyCheck, final = false): Promise<IncidentUpdateView> {
    const incident = await this.incident(id);
    if (incident.status !== 'open' && !final) throw new ConflictError(`incident ${id} is resolved: it takes no more updates`);
    await this.uow.runSql((sql) => sql.run(UPDATE_ONCE, [id, body, agentId, key, final, this.clock.now().getTime()]));
    const update = await this.db.getRepository(IncidentUpdate).findOneByOrFail({ incidentId: id, idempotencyKey: key });
    if (update.body !== body) throw new ConflictError(`the key ${JSON.stringify(key)} was used for another update of incident ${id}`);
    const links = await this.db.getRepository(IncidentLink).find({ where: { incidentId: id }, order: { conversationId: 'ASC' } });
    const targets = links.filter((l) => l.linkedAt.getTime() <= update.createdAt.getTime()).map((l) => l.conversationId);
    await this.broadcasts.send({ source: incidentUpdateSource(update.id), body, authorId: agentId, meta: { incidentId: id, incidentUpdateId: update.id } }, targets, checkReply);
    await this.changed(incident);
    return this.updateView(update);
  }

  /** Resolves the incident; with a message, tells every linked conversation first; optionally resolves those still open. */
  async resolve(id: number, opts: { message?: string; resolveConversations: boolean }, agentId: number, checkReply: ReplyCheck): Promise<IncidentView & { updates: IncidentUpdateView[] }> {
    await this.incident(id);
    if (opts.message) await this.postUpdate(id, opts.message, 'resolution', agentId, checkReply, true);
    const now = this.clock.now();
    await this.db.createQueryBuilder().update(Incident).set({ status: 'resolved', resolvedAt: now }).where('id = :id AND status = :open', { id, open: 'open' }).execute();
    if (opts.resolveConversations) {
      const links = await this.db.getRepository(IncidentLink).findBy({ incidentId: id });
      const open = await this.db.getRepository(Conversation).findBy({ id: In(links.map((l) => l.conversationId)), status: Not('resolved') });
      for (const c of open) await this.actions.setStatus(c.id, 'resolved');
    }
    await this.changed(await this.incident(id));
    return this.get(id);
  }

  /** The incident's view, published to the agents. */
  private async changed(incident: Incident): Promise<IncidentView> {
    const view = await this.view(incident);
    this.events.emit('incident.changed', { incident: view });
    return view;
  }

  private async incident(id: number): Promise<Incident> {
    const incident = await this.db.getRepository(Incident).findOneBy({ id });
    if (!incident) throw new NotFoundError('incident', id);
    return incident;
  }

  private async view(i: Incident): Promise<IncidentView> {
    const links = await this.db.getRepository(IncidentLink).find({ where: { incidentId: i.id }, order: { conversationId: 'ASC' } });
    return {
      id: i.id, title: i.title, description: i.description, status: i.status, createdById: i.createdById,
      createdAt: i.createdAt.toISOString(), resolvedAt: i.resolvedAt?.toISOString() ?? null, conversationIds: links.map((l) => l.conversationId),
    };
  }

  private async updateView(u: IncidentUpdate): Promise<IncidentUpdateView> {
    const outcome = await this.broadcasts.outcome(incidentUpdateSource(u.id));
    return { id: u.id, body: u.body, authorId: u.authorId, key: u.idempotencyKey, final: u.final, createdAt: u.createdAt.toISOString(), outcome };
  }
}
