import { useEffect, useState } from 'preact/hooks';
import type { CannedReply, CannedReplyInput, CannedReplyScope } from '../api';
import { useCannedLabelsT } from '../canned-labels-i18n';
import { useSession } from '../session';

const EMPTY: CannedReplyInput = { shortCode: '', title: '', body: '', scope: 'personal', teamId: null };

/**
 * Canned replies: every agent writes their personal ones, ops those for everyone and for a team. The editor can
 * preview the text for a conversation, as the agent will see it before sending.
 */
export function CannedRepliesPage() {
  const t = useCannedLabelsT();
  const { api, me } = useSession();
  const isOps = me.role === 'ops';
  const [q, setQ] = useState('');
  const [items, setItems] = useState<CannedReply[]>([]);
  const [editing, setEditing] = useState<{ id: number | null; input: CannedReplyInput } | null>(null);
  const [previewId, setPreviewId] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => api.cannedReplies(q, 200).then((r) => setItems(r.items), (err) => setError(err.message));
  useEffect(() => {
    const timer = setTimeout(reload, 200);
    return () => clearTimeout(timer);
  }, [api, q]);

  const canWrite = (r: CannedReply) => (r.scope === 'personal' ? r.ownerId === me.agentId : isOps);
  const scopes: CannedReplyScope[] = isOps ? ['everyone', 'team', 'personal'] : ['personal'];
  const save = async () => {
    if (!editing) return;
    setError(null);
    try {
      const input = { ...editing.input, teamId: editing.input.scope === 'team' ? Number(editing.input.teamId) || null : null };
      if (editing.id === null) await api.createCannedReply(input);
      else await api.updateCannedReply(editing.id, input);
      setEditing(null);
      setPreview(null);
      await reload();
    } catch (err) {
      setError(`${t.failed}: ${err.message}`);
    }
  };
  const showPreview = async () => {
    if (!editing) return;
    setError(null);
    try {
      setPreview((await api.previewCannedReply(editing.input.body, Number(previewId))).text);
    } catch (err) {
      setError(`${t.failed}: ${err.message}`);
    }
  };
  const set = (changes: Partial<CannedReplyInput>) => editing && setEditing({ ...editing, input: { ...editing.input, ...changes } });

  return (
    <main class="ops-page canned-page">
      <h1>{t.cannedReplies}</h1>
      <div class="ops-toolbar">
        <input type="search" name="canned-search" placeholder={t.search} aria-label={t.search} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="button" class="primary" onClick={() => { setEditing({ id: null, input: { ...EMPTY, scope: isOps ? 'everyone' : 'personal' } }); setPreview(null); }}>{t.create}</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {editing && (
        <form class="ops-form canned-form" onSubmit={(e) => { e.preventDefault(); save(); }}>
          <label>{t.shortCode}<input name="shortCode" required maxLength={50} value={editing.input.shortCode} onInput={(e) => set({ shortCode: e.currentTarget.value })} /></label>
          <label>{t.title}<input name="title" required maxLength={200} value={editing.input.title} onInput={(e) => set({ title: e.currentTarget.value })} /></label>
          <label>{t.scope}
            <select name="scope" value={editing.input.scope} onChange={(e) => set({ scope: e.currentTarget.value as CannedReplyScope })}>
              {scopes.map((s) => <option key={s} value={s}>{t[`scope_${s}`]}</option>)}
            </select>
          </label>
          {editing.input.scope === 'team' && (
            <label>{t.teamId}<input name="teamId" type="number" min={1} required value={editing.input.teamId ?? ''} onInput={(e) => set({ teamId: Number(e.currentTarget.value) || null })} /></label>
          )}
          <label class="wide">{t.body}<textarea name="body" rows={6} required value={editing.input.body} onInput={(e) => set({ body: e.currentTarget.value })} /></label>
          <p class="hint wide">{t.bodyHint}</p>
          <div class="wide preview-row">
            <label>{t.previewFor}<input name="previewConversation" type="number" min={1} value={previewId} onInput={(e) => setPreviewId(e.currentTarget.value)} /></label>
            <button type="button" disabled={!previewId || !editing.input.body.trim()} onClick={showPreview}>{t.preview}</button>
          </div>
          {preview !== null && <pre class="canned-preview wide">{preview}</pre>}
          <div class="wide">
            <button type="submit" class="primary">{t.save}</button>
            <button type="button" class="link" onClick={() => setEditing(null)}>{t.cancel}</button>
          </div>
        </form>
      )}
      {items.length === 0 ? <p class="empty">{t.none}</p> : (
        <ul class="ops-list canned-list">
          {items.map((r) => (
            <li key={r.id} data-canned-id={r.id}>
              <span class="canned-code">/{r.shortCode}</span>
              <span class="canned-title">{r.title}</span>
              <span class={`scope scope-${r.scope}`}>{t[`scope_${r.scope}`]}{r.teamId ? ` #${r.teamId}` : ''}</span>
              <span class="canned-body">{r.body}</span>
              {canWrite(r) && <span class="actions">
                <button type="button" class="link" onClick={() => { setEditing({ id: r.id, input: { shortCode: r.shortCode, title: r.title, body: r.body, scope: r.scope, teamId: r.teamId } }); setPreview(null); }}>{t.edit}</button>
                <button type="button" class="link danger" onClick={() => confirm(`${t.delete} /${r.shortCode}?`) && api.deleteCannedReply(r.id).then(reload, (err) => setError(err.message))}>{t.delete}</button>
              </span>}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
