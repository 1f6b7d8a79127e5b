import type { Overview, ReportFigures } from './api';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

/** One line per channel through the report's buckets: x in Unix seconds (uPlot's unit), y the chosen figure. */
export function channelLines(
  report: Overview,
  figure: keyof ReportFigures,
  nameOf: (channelId: string) => string,
  options: { until?: number } = {},
): { x: number[]; series: ChartSeries[] } {
  const starts = report.series.map((b) => Date.parse(b.start));
  const index = new Map(report.series.map((b, i) => [b.bucket, i]));
  const byChannel = new Map<string, Array<number | null>>();
  for (const row of report.channelSeries) {
    let values = byChannel.get(row.channelId);
    if (!values) byChannel.set(row.channelId, (values = starts.map(() => null)));
    const i = index.get(row.bucket);
    // Buckets still ahead (later today) stay empty instead of drawing a fall to zero.
    if (i !== undefined && (options.until === undefined || starts[i] <= options.until)) values[i] = row[figure] as number | null;
  }
  return {
    x: starts.map((ms) => ms / 1000),
    series: [...byChannel].map(([channelId, values]) => ({ label: nameOf(channelId), values })),
  };
}

/** The load heatmap's cells: counts per weekday (Monday first) and hour, and the busiest cell to scale colours by. */
export function loadGrid(report: Overview): { rows: Array<{ weekday: string; counts: number[] }>; max: number } {
  const rows = report.load.map((row) => ({
    weekday: String(row.weekday),
    counts: Array.from({ length: 24 }, (_, h) => Number(row[`h${String(h).padStart(2, '0')}`] ?? 0)),
  }));
  return { rows, max: Math.max(0, ...rows.flatMap((r) => r.counts)) };
}

/** A cell's shade from 0 (none) to 1 (the busiest), rounded to tenths so equal loads look equal. */
export function shade(count: number, max: number): number {
  return max > 0 ? Math.round((count / max) * 10) / 10 : 0;
}
