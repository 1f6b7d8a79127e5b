import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { GroupBy, Overview, OverviewQuery, OverviewTable, ReportFigures } from '../api';
import { channelLines, loadGrid, shade } from '../chart-data';
import { formatWait } from '../format-duration';
import { useT } from '../i18n';
import { useSession } from '../session';
import { LineChart } from './LineChart';
import { LabelCounts } from './LabelCounts';

const DAY = 86_400_000;
const PERIODS = { today: 0, week: 7, month: 30 } as const;
type Period = keyof typeof PERIODS;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function periodOf(period: Period): { from: Date; to: Date } {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  return { from: new Date(start.getTime() - PERIODS[period] * DAY), to: new Date(start.getTime() + DAY) };
}

/** The team lead's reports: load and speed over a period, per channel, per agent, through time. */
export function ReportsPage() {
  const t = useT();
  const { api, me, agents, channels } = useSession();
  const [period, setPeriod] = useState<Period>('week');
  const [groupBy, setGroupBy] = useState<GroupBy>('hour');
  const [channel, setChannel] = useState('');
  const [agent, setAgent] = useState('');
  const [report, setReport] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const query = useMemo((): OverviewQuery => ({
    ...periodOf(period), groupBy, channel: channel || undefined, agent: agent ? Number(agent) : undefined,
  }), [period, groupBy, channel, agent]);

  useEffect(() => {
    const gen = ++generation.current;
    api.overview(query).then(
      (data) => { if (gen === generation.current) { setReport(data); setError(null); } },
      (err) => { if (gen === generation.current) setError(err.message); },
    );
  }, [api, query]);

  const download = useCallback(async (table: OverviewTable) => {
    const blob = await api.overviewCsv(query, table);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `overview-${table}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }, [api, query]);

  const channelName = (id: string) => channels.find((c) => c.id === id)?.name ?? id;
  const agentName = (id: number) => agents.find((a) => a.id === id)?.name ?? `#${id}`;
  const seconds = useCallback((v: number) => formatWait(v, t.units), [t]);
  const volume = useMemo(() => (report ? channelLines(report, 'opened', channelName) : null), [report]);
  const speed = useMemo(() => (report ? channelLines(report, 'firstResponseMedianSeconds', channelName) : null), [report]);

  const csvButton = (table: OverviewTable) => (
    <button type="button" class="link csv" data-csv={table} onClick={() => download(table)}>{t.exportCsv}</button>
  );

  return (
    <main class="reports">
      <div class="board-head">
        <h1>{t.reportsTitle}</h1>
        <span class="hint">{me.role === 'ops' ? t.reportsSubtitle : t.reportsOwnOnly}</span>
      </div>
      <form class="report-filters" onSubmit={(e) => e.preventDefault()}>
        <label>{t.period} <select name="period" value={period} onChange={(e) => setPeriod(e.currentTarget.value as Period)}>
          {(Object.keys(PERIODS) as Period[]).map((p) => <option key={p} value={p}>{t.periods[p]}</option>)}
        </select></label>
        <label>{t.groupBy} <select name="groupBy" value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)}>
          {(['hour', 'day', 'week'] as GroupBy[]).map((g) => <option key={g} value={g}>{t.groupBys[g]}</option>)}
        </select></label>
        <label>{t.channel} <select name="channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
          <option value="">{t.allChannels}</option>
          {channels.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select></label>
        {me.role === 'ops' && (
          <label>{t.agent} <select name="agent" value={agent} onChange={(e) => setAgent(e.currentTarget.value)}>
            <option value="">{t.allAgents}</option>
            {agents.map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
          </select></label>
        )}
      </form>
      {error && <p class="error" role="alert">{t.loadFailed}: {error}</p>}
      {!report ? <div class="pane-loading" aria-busy="true" /> : (
        <>
          <Summary figures={report.total[0]} />
          <section class="report-card">
            <h2>{t.volumeChart}</h2>
            {volume && <LineChart label="volume" x={volume.x} series={volume.series} />}
          </section>
          <section class="report-card">
            <h2>{t.firstResponseChart}</h2>
            {speed && <LineChart label="first-response" x={speed.x} series={speed.series} format={seconds} time />}
          </section>
          <section class="report-card">
            <h2>{t.loadHeatmap} {csvButton('load')}</h2>
            <Heatmap report={report} />
          </section>
          <section class="report-card">
            <h2>{t.perAgent} {csvButton('agents')}</h2>
            <SideBySide columns={report.agents.map((a) => ({ key: String(a.agentId), name: agentName(a.agentId), figures: a }))} />
          </section>
          <section class="report-card">
            <h2>{t.perChannel} {csvButton('channels')}</h2>
            <SideBySide columns={report.channels.map((c) => ({ key: c.channelId, name: channelName(c.channelId), figures: c }))} />
          </section>
          <LabelCounts labels={report.labels} csvButton={csvButton('labels')} />
          <p class="hint">{t.exportMore} {csvButton('total')} {csvButton('series')} {csvButton('channelSeries')}</p>
        </>
      )}
    </main>
  );
}

function Summary({ figures }: { figures: ReportFigures }) {
  const t = useT();
  const time = (v: number | null) => (v === null ? '—' : formatWait(v, t.units));
  const tiles: Array<[string, string, string]> = [
    ['opened', t.figureNames.opened, String(figures.opened)],
    ['resolved', t.figureNames.resolved, String(figures.resolved)],
    ['firstResponseMedian', t.figureNames.firstResponseMedian, time(figures.firstResponseMedianSeconds)],
    ['firstResponseP90', t.figureNames.firstResponseP90, time(figures.firstResponseP90Seconds)],
    ['firstResponseBusinessMedian', t.figureNames.firstResponseBusinessMedian, time(figures.firstResponseBusinessMedianSeconds)],
    ['resolutionMedian', t.figureNames.resolutionMedian, time(figures.resolutionMedianSeconds)],
    ['messagesPerDialogue', t.figureNames.messagesPerDialogue, figures.messagesPerDialogue === null ? '—' : String(figures.messagesPerDialogue)],
    ['slaMetPercent', t.figureNames.slaMetPercent, figures.slaMetPercent === null ? '—' : `${figures.slaMetPercent}%`],
  ];
  return (
    <div class="tiles">
      {tiles.map(([key, name, value]) => <div class="tile" key={key} data-figure={key}><span class="tile-value">{value}</span><span class="tile-name">{name}</span></div>)}
    </div>
  );
}

/** Hour of the week, Monday first, in the viewer's time zone: the darker, the more conversations opened. */
function Heatmap({ report }: { report: Overview }) {
  const t = useT();
  const grid = loadGrid(report);
  return (
    <table class="heatmap" data-max={grid.max}>
      <thead><tr><th />{Array.from({ length: 24 }, (_, h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
      <tbody>
        {grid.rows.map((row, d) => (
          <tr key={row.weekday} data-weekday={row.weekday}>
            <th scope="row">{t.weekdays[d]}</th>
            {row.counts.map((n, h) => (
              <td key={h} data-hour={h} data-count={n} title={`${t.weekdays[d]} ${h}:00 — ${n}`}
                style={{ background: n ? `rgba(43, 92, 214, ${0.12 + 0.88 * shade(n, grid.max)})` : undefined, color: shade(n, grid.max) > 0.5 ? '#fff' : undefined }}>
                {n || ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COMPARED: Array<{ key: keyof ReportFigures; time?: boolean; percent?: boolean }> = [
  { key: 'firstResponses' }, { key: 'firstResponseMedianSeconds', time: true }, { key: 'firstResponseBusinessMedianSeconds', time: true },
  { key: 'responses' }, { key: 'resolved' }, { key: 'resolutionMedianSeconds', time: true }, { key: 'messagesPerDialogue' },
  { key: 'slaMetPercent', percent: true }, { key: 'slaBreaches' },
];

/** Figures side by side, one column each, with a bar scaled to the row's largest value. */
function SideBySide({ columns }: { columns: Array<{ key: string; name: string; figures: ReportFigures }> }) {
  const t = useT();
  if (!columns.length) return <p class="hint">{t.noData}</p>;
  return (
    <table class="side-by-side">
      <thead><tr><th />{columns.map((c) => <th key={c.key} scope="col" data-column={c.key}>{c.name}</th>)}</tr></thead>
      <tbody>
        {COMPARED.map(({ key, time, percent }) => {
          const values = columns.map((c) => c.figures[key] as number | null);
          const max = Math.max(0, ...values.map((v) => v ?? 0));
          return (
            <tr key={key} data-figure={key}>
              <th scope="row">{t.comparedNames[key as keyof typeof t.comparedNames]}</th>
              {values.map((v, i) => (
                <td key={columns[i].key} data-column={columns[i].key}>
                  <span class="bar" style={{ width: `${max && v ? Math.round((100 * v) / max) : 0}%` }} />
                  <span class="bar-value">{v === null ? '—' : time ? formatWait(v, t.units) : percent ? `${v}%` : v}</span>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
