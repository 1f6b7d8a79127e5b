import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { formatMoment } from '../format-time';
import { useLang } from '../i18n';
import { IncidentDetail, IncidentSuggestion, IncidentView, leadApi, newUpdateKey } from '../lead-api';
import { useLeadT } from '../lead-i18n';
import { useSession } from '../session';
import { BroadcastResult } from './BroadcastResult';

const selectedFromUrl = () => Number(new URLSearchParams(location.search).get('i')) || null;

/** Incidents: every agent sees them; ops open one, link conversations (suggested ones too), tell everyone, resolve it. */
export function IncidentsPage() {
  const t = useLeadT();
  const { api, me } = useSession();
  const lead = useMemo(() => leadApi(api), [api]);
  const ops = me.role === 'ops';
  const [list, setList] = useState<IncidentView[]>([]);
  const [selected, setSelected] = useState<number | null>(selectedFromUrl);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');

  const reload = useCallback(() => lead.incidents().then((r) => setList(r.items), (err) => setError(err.message)), [lead]);
  useEffect(() => { reload(); }, [reload]);
  const select = (id: number) => {
    setSelected(id);
    history.replaceState(null, '', `/incidents?i=${id}`);
  };
  const create = async () => {
    try {
      const made = await lead.createIncident(title, description);
      setTitle('');
      setDescription('');
      await reload();
      select(made.id);
    } catch (err) {
      setError(err.message);
    }
  };

  return (
    <main class="lead-page incidents-page">
      <aside class="lead-list">
        <h1>{t.incidents}</h1>
        {error && <p class="error" role="alert">{error}</p>}
        {ops && (
          <form class="report-card" onSubmit={(e) => { e.preventDefault(); create(); }}>
            <h2>{t.newIncident}</h2>
            <input name="incident-title" placeholder={t.title} value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
            <textarea name="incident-description" placeholder={t.description} value={description} rows={2} onInput={(e) => setDescription(e.currentTarget.value)} />
            <button type="submit" class="small" disabled={!title.trim()}>{t.create}</button>
          </form>
        )}
        {list.length === 0 && <p class="empty">{t.noIncidents}</p>}
        <ul class="rows">
          {list.map((i) => (
            <li key={i.id}>
              <button type="button" class={`row${i.id === selected ? ' selected' : ''}`} data-incident={i.id} onClick={() => select(i.id)}>
                <bdi>{i.title}</bdi>
                <span class="row-bottom"><span class={`status status-${i.status}`}>{i.status === 'open' ? t.statusOpen : t.statusResolved}</span><span>{i.conversationIds.length}</span></span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section class="lead-detail">{selected !== null && <IncidentPanel key={selected} id={selected} ops={ops} onChange={reload} />}</section>
    </main>
  );
}

function IncidentPanel({ id, ops, onChange }: { id: number; ops: boolean; onChange: () => void }) {
  const t = useLeadT();
  const lang = useLang();
  const { api } = useSession();
  const lead = useMemo(() => leadApi(api), [api]);
  const [incident, setIncident] = useState<IncidentDetail | null>(null);
  const [suggestions, setSuggestions] = useState<IncidentSuggestion[]>([]);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [body, setBody] = useState('');
  const [key, setKey] = useState(newUpdateKey);
  const [final, setFinal] = useState('');
  const [resolveAll, setResolveAll] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [detail, suggested] = await Promise.all([lead.incident(id), lead.incidentSuggestions(id)]);
    setIncident(detail);
    setSuggestions(suggested.items);
  }, [lead, id]);
  useEffect(() => { load().catch((err) => setError(err.message)); }, [load]);
  // Deliveries change as the outbox sends: follow them while the page is open.
  useEffect(() => {
    const timer = setInterval(() => lead.incident(id).then(setIncident, () => undefined), 5000);
    return () => clearInterval(timer);
  }, [lead, id]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await load();
      onChange();
    } catch (err) {
      setError(err.message);
    }
  };
  if (!incident) return error ? <p class="error" role="alert">{error}</p> : <div class="pane-loading" aria-busy="true" />;
  const open = incident.status === 'open';

  return (
    <div class="incident" data-incident-detail={incident.id}>
      <h2><bdi>{incident.title}</bdi> <span class={`status status-${incident.status}`}>{open ? t.statusOpen : t.statusResolved}</span></h2>
      {incident.description && <p>{incident.description}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="report-card">
        <h2>{t.linked} ({incident.conversationIds.length})</h2>
        <ul class="chips">
          {incident.conversationIds.map((c) => (
            <li key={c}><a href={`/?c=${c}`}>#{c}</a>{ops && <button type="button" class="link" aria-label={`${t.unlink} #${c}`} onClick={() => run(() => lead.unlink(id, c))}>×</button>}</li>
          ))}
        </ul>
      </div>
      {open && suggestions.length > 0 && (
        <div class="report-card" data-suggestions={suggestions.length}>
          <h2>{t.suggested}</h2>
          <ul class="suggestion-list">
            {suggestions.map((s) => (
              <li key={s.conversationId}>
                <label>
                  <input type="checkbox" checked={chosen.has(s.conversationId)} onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.currentTarget.checked) next.add(s.conversationId); else next.delete(s.conversationId);
                    setChosen(next);
                  }} /> #{s.conversationId} <span class="hint">{s.channelId}</span> <bdi>{s.text.slice(0, 120)}</bdi>
                </label>
              </li>
            ))}
          </ul>
          <button type="button" class="small" disabled={!chosen.size} onClick={() => run(async () => { await lead.link(id, [...chosen]); setChosen(new Set()); })}>{t.linkSelected}</button>
        </div>
      )}
      {ops && open && (
        <form class="report-card" onSubmit={(e) => { e.preventDefault(); run(async () => { await lead.postUpdate(id, body, key); setBody(''); setKey(newUpdateKey()); }); }}>
          <h2>{t.postUpdate}</h2>
          <textarea name="update-body" rows={3} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
          <button type="submit" class="small" disabled={!body.trim()}>{t.postUpdate}</button>
        </form>
      )}
      <div class="report-card">
        <h2>{t.updates}</h2>
        {incident.updates.map((u) => (
          <article key={u.id} class="incident-update" data-update={u.id}>
            <p><span class="hint">{formatMoment(u.createdAt, lang)}</span> {u.body}</p>
            <BroadcastResult outcome={u.outcome} />
          </article>
        ))}
      </div>
      {ops && open && (
        <form class="report-card" onSubmit={(e) => { e.preventDefault(); run(() => lead.resolveIncident(id, final, resolveAll)); }}>
          <h2>{t.resolve}</h2>
          <textarea name="final-message" rows={2} placeholder={t.finalMessage} value={final} onInput={(e) => setFinal(e.currentTarget.value)} />
          <label><input type="checkbox" checked={resolveAll} onChange={(e) => setResolveAll(e.currentTarget.checked)} /> {t.resolveConversations}</label>
          <button type="submit" class="small">{t.resolve}</button>
        </form>
      )}
    </div>
  );
}
