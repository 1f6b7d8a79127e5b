import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Why the bot handed over, as the report names them. */
export const HANDOVER_REASONS = ['word', 'button', 'no_match', 'limit', 'agent', 'reopened'] as const;

export interface BotFigures {
  /** Conversations the bot met. */
  met: number;
  /** Closed by the bot (the customer said its answer helped). */
  resolvedByBot: number;
  /** resolvedByBot of met, in percent (one decimal); null when the bot met none. */
  closedByBotPercent: number | null;
  handovers: number;
  /** Handovers by why: a handover word, the person button (or "no"), no confident answer, too many answers… */
  handoversByReason: Record<(typeof HANDOVER_REASONS)[number], number>;
}

export interface BotReport {
  from: string;
  to: string;
  total: BotFigures;
  channels: Array<{ channelId: string } & BotFigures>;
}

/** The bot's share of the work: how many conversations it closed, and how many it handed over and why, per channel. */
@Injectable()
export class BotReports {
  constructor(private readonly db: DataSource) {}

  async report(from: Date, to: Date, channelId?: string): Promise<BotReport> {
    const params: unknown[] = [from.getTime(), to.getTime()];
    if (channelId) params.push(channelId);
    const rows: Array<{ channelId: string; kind: string; reason: string | null; n: string | number }> = await this.db.query(
      `SELECT "channelId", kind, reason, COUNT(*) AS n FROM reporting_events
       WHERE kind IN ('bot_started', 'bot_resolved', 'bot_handover') AND "at" >= ${this.param(1)} AND "at" < ${this.param(2)}
       ${channelId ? `AND "channelId" = ${this.param(3)}` : ''}
       GROUP BY "channelId", kind, reason ORDER BY "channelId"`, params);
    const channels = new Map<string, BotFigures>();
    const total = emptyFigures();
    for (const row of rows) {
      const figures = channels.get(row.channelId) ?? emptyFigures();
      channels.set(row.channelId, figures);
      for (const f of [figures, total]) add(f, row.kind, row.reason, Number(row.n));
    }
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      total: withShare(total),
      channels: [...channels].map(([id, f]) => ({ channelId: id, ...withShare(f) })),
    };
  }

  private param(n: number): string {
    return this.db.options.type === 'postgres' ? `$${n}` : '?';
  }
}

function emptyFigures(): BotFigures {
  return {
    met: 0, resolvedByBot: 0, closedByBotPercent: null, handovers: 0,
    handoversByReason: Object.fromEntries(HANDOVER_REASONS.map((r) => [r, 0])) as BotFigures['handoversByReason'],
  };
}

function add(f: BotFigures, kind: string, reason: string | null, n: number): void {
  if (kind === 'bot_started') f.met += n;
  else if (kind === 'bot_resolved') f.resolvedByBot += n;
  else if (kind === 'bot_handover') {
    f.handovers += n;
    if (reason && reason in f.handoversByReason) f.handoversByReason[reason as keyof BotFigures['handoversByReason']] += n;
  }
}

function withShare(f: BotFigures): BotFigures {
  return { ...f, closedByBotPercent: f.met ? Math.round((f.resolvedByBot / f.met) * 1000) / 10 : null };
}
