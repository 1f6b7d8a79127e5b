import { Injectable } from '@nestjs/common';
import { Between, DataSource } from 'typeorm';
import { SlaEventRecord } from './entities/sla-event.entity';
import { percentile } from '@app/platform/stats/percentile.util';

export interface SlaFigures {
  /** First-response times in seconds. */
  firstResponse: { count: number; medianSeconds: number | null; p90Seconds: number | null };
  met: number;
  missed: number;
  breaches: number;
  warnings: number;
  /** Share of answered response targets that were met (0..1), null when none were answered. */
  shareMet: number | null;
}

/** The team lead's report: response speed and targets met, per channel and per agent, over a period. */
@Injectable()
export class SlaReports {
  constructor(private readonly db: DataSource) {}

  async report(from: Date, to: Date, channelId?: string) {
    const events = await this.db.getRepository(SlaEventRecord).find({
      where: { at: Between(from, to), ...(channelId ? { channelId } : {}) },
      order: { id: 'ASC' },
    });
    const byChannel = group(events, (e) => e.channelId);
    const byAgent = group(events.filter((e) => e.agentId !== null), (e) => String(e.agentId));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      total: figures(events),
      channels: [...byChannel].map(([id, list]) => ({ channelId: id, ...figures(list) })),
      agents: [...byAgent].map(([id, list]) => ({ agentId: Number(id), ...figures(list) })),
    };
  }
}

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

function figures(events: SlaEventRecord[]): SlaFigures {
  const firstResponses = events
    .filter((e) => e.target === 'firstResponse' && (e.kind === 'met' || e.kind === 'missed') && e.startedAt)
    .map((e) => (e.at.getTime() - e.startedAt!.getTime()) / 1000)
    .sort((a, b) => a - b);
  const met = events.filter((e) => e.kind === 'met').length;
  const missed = events.filter((e) => e.kind === 'missed').length;
  return {
    firstResponse: { count: firstResponses.length, medianSeconds: percentile(firstResponses, 0.5), p90Seconds: percentile(firstResponses, 0.9) },
    met,
    missed,
    breaches: events.filter((e) => e.kind === 'breached').length,
    warnings: events.filter((e) => e.kind === 'warning').length,
    shareMet: met + missed ? met / (met + missed) : null,
  };
}
