import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from '../chart-data';
import { useLang, useT } from '../i18n';

/** Tick steps: whole counts, or round durations in seconds (10 s … 1 day) when the values are times. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];
const TIME_STEPS = [10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 4 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400];

/** Colours told apart also by people with the commonest colour blindness (Okabe–Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];

/**
 * A uPlot line chart over time, one line per series, as wide as its box. The chart is rebuilt when the data
 * changes (a few hundred points: cheaper than diffing) and resized with its box.
 */
export function LineChart({ x, series, height = 220, format, label, time = false }: {
  x: number[];
  series: ChartSeries[];
  height?: number;
  /** How the y values read on the axis and in the legend. */
  format?: (v: number) => string;
  /** Names the chart for screen readers and tests. */
  label: string;
  /** The values are durations in seconds (the axis steps through round durations). */
  time?: boolean;
}) {
  const lang = useLang();
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const show = (v: number | null) => (v === null || v === undefined ? '—' : format ? format(v) : String(v));
    // The x axis in the agent's language: hours within a day, dates beyond.
    const hourFmt = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
    const dayFmt = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short' });
    const xTicks = (_u: uPlot, ticks: number[], _space: number, _axis: number, step: number) => ticks.map((ts) => {
      const at = new Date(ts * 1000);
      const midnight = at.getHours() === 0 && at.getMinutes() === 0;
      return (step >= 86_400 || midnight ? dayFmt : hourFmt).format(at);
    });
    const floor = time ? 60 : 1;
    const chart = new uPlot({
      width: Math.max(320, el.clientWidth),
      height,
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, min, max) => [0, Math.max(floor, max ?? min ?? floor)] } },
      axes: [{ values: xTicks }, { values: (_u, ticks) => ticks.map((v) => show(v)), size: 60, incrs: time ? TIME_STEPS : COUNT_STEPS }],
      legend: { live: true },
      series: [{ label: t.chartTime }, ...series.map((s, i) => ({
        label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false,
        points: { show: time || x.length <= 48 }, value: (_u: uPlot, v: number | null) => show(v),
      }))],
    }, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, series, height, format, time, lang, t]);
  return <div class="chart" ref={box} role="img" aria-label={label} data-chart={label} data-points={x.length} data-series={series.map((s) => s.label).join('|')} />;
}
