import { useContext, useEffect, useState } from 'preact/hooks';
import { OpenIncidents } from '../hooks/use-open-incidents';
import { FeatureRequestView, leadApi } from '../lead-api';
import { useLeadT } from '../lead-i18n';
import { useSession } from '../session';

/** From a conversation: link it to an open incident, record the customer's feature request (existing ones suggested as the agent types). */
export function ConversationLeadTools({ conversationId }: { conversationId: number }) {
  const t = useLeadT();
  const { api } = useSession();
  const lead = leadApi(api);
  const { incidents, reload } = useContext(OpenIncidents);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [workaround, setWorkaround] = useState('');
  const [suggestions, setSuggestions] = useState<FeatureRequestView[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || title.trim().length < 2) return setSuggestions([]);
    const timer = setTimeout(() => lead.featureRequests(title).then((r) => setSuggestions(r.items), () => undefined), 250);
    return () => clearTimeout(timer);
  }, [title, open]);

  const run = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await action();
      setDone(message);
    } catch (err) {
      setError(err.message);
    }
  };
  const record = (input: { featureRequestId?: number; title?: string }) => run(async () => {
    await lead.recordFeatureRequest({ conversationId, ...input, ...(workaround.trim() ? { workaround } : {}) });
    setTitle('');
    setWorkaround('');
    setOpen(false);
  }, t.recorded);
  const unlinked = incidents.filter((i) => !i.conversationIds.includes(conversationId));

  return (
    <div class="lead-tools" data-lead-tools={conversationId}>
      {unlinked.length > 0 && (
        <select class="small" name="incident" value="" onChange={(e) => {
          const id = Number(e.currentTarget.value);
          if (id) run(async () => { await lead.link(id, [conversationId]); reload(); }, t.linkToIncident);
        }}>
          <option value="">{t.linkToIncident}…</option>
          {unlinked.map((i) => <option key={i.id} value={String(i.id)}>{i.title}</option>)}
        </select>
      )}
      <button type="button" class="small" aria-expanded={open} onClick={() => setOpen(!open)}>{t.recordRequest}</button>
      {done && <span class="hint" role="status">{done}</span>}
      {error && <span class="error" role="alert">{error}</span>}
      {open && (
        <form class="request-form" onSubmit={(e) => { e.preventDefault(); if (title.trim()) record({ title }); }}>
          <input name="request-title" placeholder={t.title} value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
          <input name="workaround" placeholder={t.workaround} value={workaround} maxLength={2000} onInput={(e) => setWorkaround(e.currentTarget.value)} />
          <button type="submit" class="small" disabled={!title.trim()}>{t.record}</button>
          {suggestions.length > 0 && (
            <ul class="request-suggestions" aria-label={t.existing}>
              {suggestions.map((s) => (
                <li key={s.id}><button type="button" class="link" data-request={s.id} onClick={() => record({ featureRequestId: s.id })}>{s.title}</button> <span class="hint">{s.customers}</span></li>
              ))}
            </ul>
          )}
        </form>
      )}
    </div>
  );
}
