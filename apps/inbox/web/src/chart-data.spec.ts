import type { Overview } from './api';
import { channelLines, loadGrid, shade } from './chart-data';

const figures = (opened: number) => ({ opened, firstResponseMedianSeconds: opened ? 60 * opened : null }) as unknown as Overview['series'][number];

const report = {
  series: [
    { ...figures(0), bucket: 'b0', start: '2026-03-30T00:00:00.000Z' },
    { ...figures(0), bucket: 'b1', start: '2026-03-30T01:00:00.000Z' },
    { ...figures(0), bucket: 'b2', start: '2026-03-30T02:00:00.000Z' },
  ],
  channelSeries: [
    { ...figures(2), bucket: 'b0', start: '', channelId: 'chat' },
    { ...figures(0), bucket: 'b1', start: '', channelId: 'chat' },
    { ...figures(5), bucket: 'b2', start: '', channelId: 'chat' },
    { ...figures(1), bucket: 'b0', start: '', channelId: 'mail' },
  ],
  load: [{ weekday: 'mon', h00: 4, h10: 8 }, { weekday: 'tue', h03: 2 }],
} as unknown as Overview;

describe('chart data', () => {
  it('draws one line per channel over the buckets, in seconds', () => {
    const lines = channelLines(report, 'opened', (id) => id.toUpperCase());
    expect(lines.x).toEqual([1774828800, 1774832400, 1774836000]);
    expect(lines.series).toEqual([{ label: 'CHAT', values: [2, 0, 5] }, { label: 'MAIL', values: [1, null, null] }]);
  });

  it('leaves the buckets after "until" empty', () => {
    const lines = channelLines(report, 'firstResponseMedianSeconds', (id) => id, { until: Date.parse('2026-03-30T01:30:00Z') });
    expect(lines.series[0].values).toEqual([120, null, null]);
  });

  it('lays the load out as 24 hours a weekday, scaled by the busiest cell', () => {
    const grid = loadGrid(report);
    expect(grid.max).toBe(8);
    expect(grid.rows[0].counts.slice(0, 11)).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8]);
    expect(grid.rows[1].counts[3]).toBe(2);
    expect([shade(8, 8), shade(2, 8), shade(0, 8), shade(0, 0)]).toEqual([1, 0.3, 0, 0]);
  });
});
