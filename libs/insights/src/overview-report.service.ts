import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversationLabel, Label } from '@app/conversations';
import { PolicyRegistry } from '@app/sla';
import { ReportingEvent } from './entities/reporting-event.entity';
import type { Overview, OverviewTable } from './api-types';
import { bucketOf, bucketsBetween, GroupBy, hourOfWeek, WEEKDAY_NAMES } from './report-buckets.util';
import { reportFigures } from './report-figures.util';

export { OVERVIEW_TABLES } from './api-types';
export type { Overview, OverviewTable } from './api-types';

export interface OverviewQuery {
  from: Date;
  to: Date;
  channelId?: string;
  agentId?: number;
  groupBy: GroupBy;
  timeZone: string;
}

/** The columns of each table in order (also when it has no rows, so an empty CSV still has its header). */
export function overviewColumns(table: OverviewTable): string[] {
  const figures = Object.keys(reportFigures([]));
  if (table === 'labels') return ['labelId', 'name', 'color', 'conversations'];
  if (table === 'load') return ['weekday', ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`)];
  const leading: Record<Exclude<OverviewTable, 'load' | 'labels'>, string[]> = {
    total: [], channels: ['channelId'], agents: ['agentId'], series: ['bucket', 'start'], channelSeries: ['bucket', 'start', 'channelId'],
  };
  return [...leading[table], ...figures];
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Load and speed over a period, per channel, per agent and through time, from the reporting events alone. */
@Injectable()
export class OverviewReports {
  constructor(private readonly db: DataSource, private readonly policies: PolicyRegistry) {}

  /** The zone of the configured channels' policies when they agree on one, else UTC. */
  defaultTimeZone(): string {
    const zones = new Set(Object.keys(this.policies.describe().channels).map((id) => this.policies.forChannel(id).timeZone));
    return zones.size === 1 ? [...zones][0] : 'UTC';
  }

  async overview(q: OverviewQuery): Promise<Overview> {
    const qb = this.db.getRepository(ReportingEvent).createQueryBuilder('e')
      .where('e.at >= :from AND e.at < :to', { from: q.from.getTime(), to: q.to.getTime() });
    if (q.channelId) qb.andWhere('e.channelId = :channel', { channel: q.channelId });
    if (q.agentId !== undefined) qb.andWhere('e.agentId = :agent', { agent: q.agentId });
    const events = await qb.orderBy('e.at', 'ASC').addOrderBy('e.id', 'ASC').getMany();

    const bucketOfEvent = (e: ReportingEvent) => bucketOf(e.at.getTime(), q.groupBy, q.timeZone);
    const buckets = bucketsBetween(q.from.getTime(), q.to.getTime(), q.groupBy, q.timeZone);
    const byBucket = groupBy(events, bucketOfEvent);
    const byChannel = groupBy(events, (e) => e.channelId);
    const channelIds = [...byChannel.keys()].sort();

    const load = WEEKDAY_NAMES.map((weekday) => ({ weekday, counts: new Array<number>(24).fill(0) }));
    for (const e of events) {
      if (e.kind !== 'opened') continue;
      const cell = hourOfWeek(e.at.getTime(), q.timeZone);
      load[cell.weekday].counts[cell.hour] += 1;
    }

    return {
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      timeZone: q.timeZone,
      groupBy: q.groupBy,
      filters: { channel: q.channelId ?? null, agent: q.agentId ?? null },
      total: [reportFigures(events)],
      channels: channelIds.map((channelId) => ({ channelId, ...reportFigures(byChannel.get(channelId)!) })),
      agents: [...groupBy(events.filter((e) => e.agentId !== null), (e) => String(e.agentId))]
        .map(([id, list]) => ({ agentId: Number(id), ...reportFigures(list) }))
        .sort((a, b) => a.agentId - b.agentId),
      series: buckets.map(({ bucket, start }) => ({ bucket, start: new Date(start).toISOString(), ...reportFigures(byBucket.get(bucket) ?? []) })),
      channelSeries: channelIds.flatMap((channelId) => {
        const mine = groupBy(byChannel.get(channelId)!, bucketOfEvent);
        return buckets.map(({ bucket, start }) => ({ bucket, start: new Date(start).toISOString(), channelId, ...reportFigures(mine.get(bucket) ?? []) }));
      }),
      load: load.map(({ weekday, counts }) => ({ weekday, ...Object.fromEntries(counts.map((n, h) => [`h${String(h).padStart(2, '0')}`, n])) })),
      labels: await this.labelCounts(q),
    };
  }

  /** Conversations per label among those the period's events (within the filters) concern; see Overview.labels. */
  private async labelCounts(q: OverviewQuery): Promise<Overview['labels']> {
    const active = this.db.getRepository(ReportingEvent).createQueryBuilder('e').select('e.conversationId')
      .where('e.at >= :from AND e.at < :to');
    if (q.channelId) active.andWhere('e.channelId = :channel');
    if (q.agentId !== undefined) active.andWhere('e.agentId = :agent');
    const rows = await this.db.createQueryBuilder().from(ConversationLabel, 'cl').innerJoin(Label, 'l', 'l.id = cl.labelId')
      .select('l.id', 'labelId').addSelect('l.name', 'name').addSelect('l.color', 'color')
      .addSelect('COUNT(DISTINCT cl.conversationId)', 'conversations')
      .where(`cl.conversationId IN (${active.getQuery()})`, { from: q.from.getTime(), to: q.to.getTime(), channel: q.channelId, agent: q.agentId })
      .groupBy('l.id').addGroupBy('l.name').addGroupBy('l.color')
      .getRawMany<{ labelId: number | string; name: string; color: string; conversations: number | string }>();
    return rows.map((r) => ({ labelId: Number(r.labelId), name: r.name, color: r.color, conversations: Number(r.conversations) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.labelId - b.labelId);
  }
}
