import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { FeatureRequestDetail, FeatureRequestView, leadApi } from '../lead-api';
import { useLeadT } from '../lead-i18n';
import { useSession } from '../session';
import { BroadcastResult } from './BroadcastResult';

/** Feature requests, most customers first; ops tell everyone who asked when one ships; CSV for the product team. */
export function FeatureRequestsPage() {
  const t = useLeadT();
  const { api, me } = useSession();
  const lead = useMemo(() => leadApi(api), [api]);
  const [list, setList] = useState<FeatureRequestView[]>([]);
  const [selected, setSelected] = useState<FeatureRequestDetail | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => lead.featureRequests().then((r) => setList(r.items), (err) => setError(err.message)), [lead]);
  useEffect(() => { reload(); }, [reload]);

  const open = (id: number) => lead.featureRequest(id).then(setSelected, (err) => setError(err.message));
  const exportCsv = async () => {
    const url = URL.createObjectURL(await lead.featureRequestsCsv());
    const a = Object.assign(document.createElement('a'), { href: url, download: 'feature-requests.csv' });
    a.click();
    URL.revokeObjectURL(url);
  };
  const ship = async () => {
    try {
      setSelected(await lead.ship(selected!.id, message));
      setMessage('');
      reload();
    } catch (err) {
      setError(err.message);
    }
  };

  return (
    <main class="lead-page requests-page">
      <section class="lead-detail">
        <div class="board-head">
          <h1>{t.featureRequests}</h1>
          <span class="spacer" />
          <button type="button" class="small csv" onClick={exportCsv}>{t.exportCsv}</button>
        </div>
        {error && <p class="error" role="alert">{error}</p>}
        {list.length === 0 ? <p class="empty">{t.noRequests}</p> : (
          <table class="board-table requests-table">
            <thead><tr><th>{t.title}</th><th>{t.customers}</th><th>{t.channels}</th><th /></tr></thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} data-request={r.id} class={selected?.id === r.id ? 'selected' : ''}>
                  <th scope="row"><button type="button" class="link" onClick={() => open(r.id)}><bdi>{r.title}</bdi></button></th>
                  <td data-field="customers">{r.customers}</td>
                  <td class="channels-cell">{r.channels.map((c) => `${c.channelId} ${c.customers}`).join(', ')}</td>
                  <td>{r.status === 'shipped' && <span class="status status-resolved">{t.statusShipped}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {selected && (
          <div class="report-card" data-request-detail={selected.id}>
            <h2><bdi>{selected.title}</bdi></h2>
            <h3>{t.askedBy}</h3>
            <ul>
              {selected.askedBy.map((a) => <li key={a.conversationId}><a href={`/?c=${a.conversationId}`}>#{a.conversationId}</a> <span class="hint">{a.channelId}</span>{a.workaround && <> — {a.workaround}</>}</li>)}
            </ul>
            {selected.outcome && <BroadcastResult outcome={selected.outcome} />}
            {me.role === 'ops' && selected.status === 'open' && (
              <form onSubmit={(e) => { e.preventDefault(); ship(); }}>
                <textarea name="ship-message" rows={2} placeholder={t.shipMessage} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
                <button type="submit" class="small" disabled={!message.trim()}>{t.ship}</button>
              </form>
            )}
          </div>
        )}
      </section>
    </main>
  );
}
