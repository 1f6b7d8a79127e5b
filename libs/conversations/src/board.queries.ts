import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { percentile } from '@app/platform/stats/percentile.util';
import type { Board, BoardChannel } from './api-types';
import { Channel, Conversation } from './entities';

export type { Board, BoardChannel } from './api-types';

// PostgreSQL returns COUNT / SUM / bigint columns as strings.
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * The live board: load and speed per channel, each figure one grouped query over an indexed column
 * (conversations by status, sla_events by `at`). sla_events belongs to the SLA module, which this library
 * must not import, so it is read by table name.
 */
@Injectable()
export class BoardQueries {
  constructor(private readonly db: DataSource, private readonly clock: Clock) {}

  async board(since: Date): Promise<Board> {
    const now = this.clock.now();
    const [channels, load, alerts, firstResponses] = await Promise.all([
      this.db.getRepository(Channel).find({ order: { createdAt: 'ASC', id: 'ASC' } }),
      this.load(),
      this.alerts(since),
      this.firstResponses(since),
    ]);
    return {
      at: now.toISOString(),
      since: since.toISOString(),
      channels: channels.map((c) => {
        const l = load.get(c.id);
        const a = alerts.get(c.id);
        const oldest = l?.oldestWaitingSince ?? null;
        return {
          channelId: c.id,
          type: c.type,
          name: c.name,
          open: l?.open ?? 0,
          unanswered: l?.unanswered ?? 0,
          longestWaitSeconds: oldest === null ? null : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
          medianFirstResponseSecondsToday: median(firstResponses.get(c.id) ?? []),
          warningsToday: a?.warning ?? 0,
          breachesToday: a?.breached ?? 0,
        };
      }),
    };
  }

  private async load(): Promise<Map<string, { open: number; unanswered: number; oldestWaitingSince: number | null }>> {
    const rows: Array<Record<string, unknown>> = await this.db.getRepository(Conversation).createQueryBuilder('c')
      .select('"c"."channelId"', 'channelId')
      .addSelect('COUNT(*)', 'open')
      .addSelect('SUM(CASE WHEN "c"."awaitingReply" = :yes THEN 1 ELSE 0 END)', 'unanswered')
      .addSelect('MIN(CASE WHEN "c"."awaitingReply" = :yes THEN "c"."waitingSince" END)', 'oldest')
      .where('"c"."status" = :open', { open: 'open', yes: true })
      .groupBy('"c"."channelId"')
      .getRawMany();
    return new Map(rows.map((r) => [String(r.channelId), {
      open: num(r.open),
      unanswered: num(r.unanswered),
      oldestWaitingSince: r.oldest === null || r.oldest === undefined ? null : Number(r.oldest),
    }]));
  }

  private async alerts(since: Date): Promise<Map<string, { warning: number; breached: number }>> {
    const rows: Array<Record<string, unknown>> = await this.db.createQueryBuilder()
      .select('"e"."channelId"', 'channelId')
      .addSelect('"e"."kind"', 'kind')
      .addSelect('COUNT(*)', 'count')
      .from('sla_events', 'e')
      .where('"e"."at" >= :since', { since: since.getTime() })
      .andWhere('"e"."kind" IN (:...kinds)', { kinds: ['warning', 'breached'] })
      .groupBy('"e"."channelId"')
      .addGroupBy('"e"."kind"')
      .getRawMany();
    const byChannel = new Map<string, { warning: number; breached: number }>();
    for (const r of rows) {
      const entry = byChannel.get(String(r.channelId)) ?? { warning: 0, breached: 0 };
      entry[r.kind as 'warning' | 'breached'] = num(r.count);
      byChannel.set(String(r.channelId), entry);
    }
    return byChannel;
  }

  /** First-response times (ms) answered since `since`, sorted, per channel. */
  private async firstResponses(since: Date): Promise<Map<string, number[]>> {
    const rows: Array<Record<string, unknown>> = await this.db.createQueryBuilder()
      .select('"e"."channelId"', 'channelId')
      .addSelect('"e"."at" - "e"."startedAt"', 'ms')
      .from('sla_events', 'e')
      .where('"e"."at" >= :since', { since: since.getTime() })
      .andWhere('"e"."target" = :target', { target: 'firstResponse' })
      .andWhere('"e"."kind" IN (:...answered)', { answered: ['met', 'missed'] })
      .andWhere('"e"."startedAt" IS NOT NULL')
      .orderBy('"ms"', 'ASC')
      .getRawMany();
    const byChannel = new Map<string, number[]>();
    for (const r of rows) {
      const list = byChannel.get(String(r.channelId)) ?? [];
      list.push(num(r.ms));
      byChannel.set(String(r.channelId), list);
    }
    return byChannel;
  }
}

/** Nearest-rank median of sorted milliseconds, in whole seconds (the same percentile the SLA report uses). */
function median(sortedMs: number[]): number | null {
  const ms = percentile(sortedMs, 0.5);
  return ms === null ? null : Math.round(ms / 1000);
}
