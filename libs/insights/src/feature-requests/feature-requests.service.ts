import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Conversation, InvalidRequestError, NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { Broadcasts, ReplyCheck } from '../broadcast/broadcasts.service';
import { FeatureRequest, FeatureRequestAsk } from '../entities/feature-request.entities';
import { FEATURE_REQUEST_CSV_COLUMNS, FeatureRequestDetail, FeatureRequestView } from './api-types';
import { featureTitleKey, featureTitleScore } from './feature-title.util';

const CREATE_ONCE = `INSERT INTO feature_requests ("title", "titleKey", "status", "createdById", "createdAt") VALUES (?, ?, 'open', ?, ?)
  ON CONFLICT ("titleKey") DO NOTHING`;
const ASK_ONCE = `INSERT INTO feature_request_asks ("featureRequestId", "conversationId", "contactId", "channelId", "agentId", "workaround", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("featureRequestId", "conversationId") DO NOTHING`;
const SUGGESTIONS = 10;

export const featureShippedSource = (id: number) => `feature-shipped:${id}`;

/** Requests recorded from conversations, counted by who asked, and told back to each customer when they ship. */
@Injectable()
export class FeatureRequests {
  constructor(private readonly db: DataSource, private readonly uow: UnitOfWork, private readonly broadcasts: Broadcasts, private readonly clock: Clock) {}

  /**
   * Records that the conversation's customer asked for it: an existing request by id, or by title (the same
   * title, folded, is the same request). Recording it twice in one conversation changes nothing.
   */
  async record(input: { conversationId: number; featureRequestId?: number; title?: string; workaround?: string }, agentId: number): Promise<FeatureRequestDetail> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id: input.conversationId });
    if (!conversation) throw new InvalidRequestError('conversationId', `no conversation ${input.conversationId}`);
    const now = this.clock.now().getTime();
    const id = await this.uow.runSql(async (sql) => {
      let requestId = input.featureRequestId;
      if (requestId === undefined) {
        const key = featureTitleKey(input.title ?? '');
        if (!key) throw new InvalidRequestError('title', 'must name the request (letters or digits)');
        await sql.run(CREATE_ONCE, [input.title!.trim().slice(0, 200), key, agentId, now]);
        [{ id: requestId }] = (await sql.all<{ id: number | string }>('SELECT id FROM feature_requests WHERE "titleKey" = ?', [key])).map((r) => ({ id: Number(r.id) }));
      } else if (!(await sql.all('SELECT id FROM feature_requests WHERE id = ?', [requestId])).length) {
        throw new InvalidRequestError('featureRequestId', `no feature request ${requestId}`);
      }
      await sql.run(ASK_ONCE, [requestId, conversation.id, conversation.contactId, conversation.channelId, agentId, input.workaround?.trim() || null, now]);
      return requestId!;
    });
    return this.get(id);
  }

  /** Every request, most customers first; with `q`, the ones whose titles suit what the agent is typing, best first. */
  async list(q?: string): Promise<FeatureRequestView[]> {
    const requests = await this.db.getRepository(FeatureRequest).find({ order: { id: 'ASC' } });
    const counted = await this.views(requests);
    if (!q?.trim()) return counted.sort((a, b) => b.customers - a.customers || b.asks - a.asks || a.id - b.id);
    return counted
      .map((view) => ({ view, score: featureTitleScore(q, view.title) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || b.view.customers - a.view.customers)
      .slice(0, SUGGESTIONS)
      .map((s) => s.view);
  }

  async get(id: number): Promise<FeatureRequestDetail> {
    const request = await this.request(id);
    const [view] = await this.views([request]);
    const asks = await this.db.getRepository(FeatureRequestAsk).find({ where: { featureRequestId: id }, order: { id: 'ASC' } });
    return {
      ...view,
      askedBy: asks.map((a) => ({ conversationId: a.conversationId, contactId: a.contactId, channelId: a.channelId, agentId: a.agentId, workaround: a.workaround, createdAt: a.createdAt.toISOString() })),
      outcome: request.status === 'shipped' ? await this.broadcasts.outcome(featureShippedSource(id)) : null,
    };
  }

  /**
   * Marks it shipped and tells each customer who asked, once, in the latest conversation where they asked. A
   * repeated call sends nothing new (it only finishes what a crash may have left) and keeps the first message.
   */
  async ship(id: number, message: string, agentId: number, checkReply: ReplyCheck): Promise<FeatureRequestDetail> {
    await this.request(id);
    await this.db.createQueryBuilder().update(FeatureRequest)
      .set({ status: 'shipped', shippedAt: this.clock.now(), shipMessage: message })
      .where('id = :id AND status = :open', { id, open: 'open' }).execute();
    const shipped = await this.request(id);
    const asks = await this.db.getRepository(FeatureRequestAsk).find({ where: { featureRequestId: id }, order: { id: 'ASC' } });
    const latestPerCustomer = new Map(asks.map((a) => [a.contactId, a.conversationId]));
    await this.broadcasts.send(
      { source: featureShippedSource(id), body: shipped.shipMessage!, authorId: agentId, meta: { featureRequestId: id } },
      [...latestPerCustomer.values()], checkReply,
    );
    return this.get(id);
  }

  /** The rows of the CSV for the product team, most customers first. */
  async csvRows(): Promise<Array<Record<(typeof FEATURE_REQUEST_CSV_COLUMNS)[number], unknown>>> {
    const views = await this.list();
    const workarounds = await this.db.getRepository(FeatureRequestAsk).createQueryBuilder('a')
      .select('a.featureRequestId', 'id').addSelect('COUNT(a.workaround)', 'n').groupBy('a.featureRequestId').getRawMany<{ id: number; n: number | string }>();
    const workaroundsOf = new Map(workarounds.map((w) => [Number(w.id), Number(w.n)]));
    return views.map((v) => ({
      id: v.id, title: v.title, status: v.status, customers: v.customers, asks: v.asks,
      channels: v.channels.map((c) => `${c.channelId}:${c.customers}`).join(' '), workarounds: workaroundsOf.get(v.id) ?? 0,
      createdAt: v.createdAt, shippedAt: v.shippedAt,
    }));
  }

  private async request(id: number): Promise<FeatureRequest> {
    const request = await this.db.getRepository(FeatureRequest).findOneBy({ id });
    if (!request) throw new NotFoundError('feature request', id);
    return request;
  }

  private async views(requests: FeatureRequest[]): Promise<FeatureRequestView[]> {
    if (!requests.length) return [];
    const rows = await this.db.getRepository(FeatureRequestAsk).createQueryBuilder('a')
      .select('a.featureRequestId', 'id').addSelect('a.channelId', 'channelId')
      .addSelect('COUNT(DISTINCT a.contactId)', 'customers').addSelect('COUNT(*)', 'asks')
      .where('a.featureRequestId IN (:...ids)', { ids: requests.map((r) => r.id) })
      .groupBy('a.featureRequestId').addGroupBy('a.channelId').getRawMany<{ id: number; channelId: string; customers: string | number; asks: string | number }>();
    const distinct = await this.db.getRepository(FeatureRequestAsk).createQueryBuilder('a')
      .select('a.featureRequestId', 'id').addSelect('COUNT(DISTINCT a.contactId)', 'customers')
      .where('a.featureRequestId IN (:...ids)', { ids: requests.map((r) => r.id) })
      .groupBy('a.featureRequestId').getRawMany<{ id: number; customers: string | number }>();
    const customersOf = new Map(distinct.map((d) => [Number(d.id), Number(d.customers)]));
    return requests.map((r) => {
      const mine = rows.filter((row) => Number(row.id) === r.id);
      return {
        id: r.id, title: r.title, status: r.status, customers: customersOf.get(r.id) ?? 0, asks: mine.reduce((n, row) => n + Number(row.asks), 0),
        channels: mine.map((row) => ({ channelId: row.channelId, customers: Number(row.customers) })).sort((a, b) => b.customers - a.customers || a.channelId.localeCompare(b.channelId)),
        createdAt: r.createdAt.toISOString(), shippedAt: r.shippedAt?.toISOString() ?? null, shipMessage: r.shipMessage,
      };
    });
  }
}
