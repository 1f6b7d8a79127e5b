import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { leadApi, ReviewAssignmentView, ReviewSettingsView, ReviewTrendRow } from '../lead-api';
import { useLeadT } from '../lead-i18n';
import { useSession } from '../session';

/** The weekly quality review: ops set it up and score the picked dialogues; agents read the reviews of their work and answer. */
export function ReviewsPage() {
  const t = useLeadT();
  const { api, me, agents } = useSession();
  const lead = useMemo(() => leadApi(api), [api]);
  const ops = me.role === 'ops';
  const [settings, setSettings] = useState<ReviewSettingsView | null>(null);
  const [reviews, setReviews] = useState<ReviewAssignmentView[]>([]);
  const [trend, setTrend] = useState<ReviewTrendRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [mineOnly, setMineOnly] = useState(false);
  const nameOf = (id: number | null) => agents.find((a) => a.id === id)?.name ?? (id === null ? '—' : `#${id}`);

  const reload = useCallback(async () => {
    try {
      const [s, r, tr] = await Promise.all([lead.reviewSettings(), lead.reviews(mineOnly ? { reviewer: me.agentId } : {}), lead.trend()]);
      setSettings(s);
      setReviews(r.items);
      setTrend(tr.items);
    } catch (err) {
      setError(err.message);
    }
  }, [lead, mineOnly, me.agentId]);
  useEffect(() => { reload(); }, [reload]);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await reload();
    } catch (err) {
      setError(err.message);
    }
  };

  return (
    <main class="lead-page reviews-page">
      <section class="lead-detail">
        <h1>{ops ? t.reviews : t.myReviews}</h1>
        {error && <p class="error" role="alert">{error}</p>}
        {ops && settings && <SettingsForm settings={settings} onSave={(s) => run(() => lead.saveReviewSettings(s))} onPick={() => run(() => lead.pickReviews())} />}
        {trend.length > 0 && (
          <div class="report-card">
            <h2>{t.trend}</h2>
            <table class="board-table" data-trend={trend.length}>
              <thead><tr><th>{t.agent}</th><th>{t.week}</th><th>{t.average}</th>{settings?.criteria.map((c) => <th key={c}>{c}</th>)}</tr></thead>
              <tbody>
                {trend.map((row) => (
                  <tr key={`${row.agentId}-${row.weekStart}`}>
                    <th scope="row">{nameOf(row.agentId)}</th><td>{row.weekStart}</td><td data-field="average">{row.average}</td>
                    {settings?.criteria.map((c) => <td key={c}>{row.criteria[c] ?? '—'}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {ops && <label class="hint"><input type="checkbox" name="mine-only" checked={mineOnly} onChange={(e) => setMineOnly(e.currentTarget.checked)} /> {t.assignedToMe}</label>}
        {reviews.length === 0 && <p class="empty">{t.noReviews}</p>}
        {reviews.map((r) => (
          <ReviewCard key={r.id} review={r} criteria={settings?.criteria ?? []} canScore={ops} canAnswer={r.agentId === me.agentId}
            agentName={nameOf(r.agentId)} reviewerName={nameOf(r.reviewerId)} onChange={(action) => run(action)} />
        ))}
      </section>
    </main>
  );
}

function SettingsForm({ settings, onSave, onPick }: { settings: ReviewSettingsView; onSave: (s: Partial<ReviewSettingsView>) => void; onPick: () => void }) {
  const t = useLeadT();
  const [draft, setDraft] = useState({ ...settings, criteriaText: settings.criteria.join(', ') });
  return (
    <form class="report-card review-settings" onSubmit={(e) => {
      e.preventDefault();
      onSave({ weekday: draft.weekday, hour: draft.hour, timeZone: draft.timeZone, perAgent: draft.perAgent, criteria: draft.criteriaText.split(',').map((c) => c.trim()).filter(Boolean) });
    }}>
      <h2>{t.settings}</h2>
      <label>{t.weekday} <select name="weekday" value={String(draft.weekday)} onChange={(e) => setDraft({ ...draft, weekday: Number(e.currentTarget.value) })}>
        {t.weekdays.map((d, i) => <option key={d} value={String(i)}>{d}</option>)}
      </select></label>
      <label>{t.hour} <input name="hour" type="number" min={0} max={23} value={draft.hour} onInput={(e) => setDraft({ ...draft, hour: Number(e.currentTarget.value) })} /></label>
      <label>{t.timeZone} <input name="timeZone" value={draft.timeZone} onInput={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })} /></label>
      <label>{t.perAgent} <input name="perAgent" type="number" min={1} max={100} value={draft.perAgent} onInput={(e) => setDraft({ ...draft, perAgent: Number(e.currentTarget.value) })} /></label>
      <label>{t.criteria} <input name="criteria" value={draft.criteriaText} onInput={(e) => setDraft({ ...draft, criteriaText: e.currentTarget.value })} /></label>
      <button type="submit" class="small">{t.save}</button>
      <button type="button" class="small" onClick={onPick}>{t.pickNow}</button>
    </form>
  );
}

function ReviewCard({ review: r, criteria, canScore, canAnswer, agentName, reviewerName, onChange }: {
  review: ReviewAssignmentView; criteria: string[]; canScore: boolean; canAnswer: boolean; agentName: string; reviewerName: string;
  onChange: (action: () => Promise<unknown>) => void;
}) {
  const t = useLeadT();
  const { api } = useSession();
  const lead = leadApi(api);
  const [scores, setScores] = useState<Record<string, { score: number; comment: string }>>(() =>
    Object.fromEntries(criteria.map((c) => [c, { score: r.scores?.[c]?.score ?? 3, comment: r.scores?.[c]?.comment ?? '' }])));
  const [comment, setComment] = useState(r.comment ?? '');
  const [answer, setAnswer] = useState('');
  return (
    <article class="report-card review" data-review={r.id} data-status={r.status}>
      <h2><a href={`/?c=${r.conversationId}`}>{t.conversation} #{r.conversationId}</a> <span class="hint">{agentName} · {r.weekStart} · {reviewerName}</span>
        <span class={`status status-${r.status === 'scored' ? 'resolved' : 'pending'}`}>{r.status === 'scored' ? t.scored : t.pending}</span></h2>
      <p class="hint">{t.reasons}: {r.reasons.join(', ')}</p>
      {canScore ? (
        <form onSubmit={(e) => { e.preventDefault(); onChange(() => lead.score(r.id, scores, comment)); }}>
          <table class="scorecard">
            <tbody>
              {criteria.map((c) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  <td>{[1, 2, 3, 4, 5].map((n) => (
                    <label key={n} class="score-choice"><input type="radio" name={`${r.id}-${c}`} value={String(n)} checked={scores[c]?.score === n}
                      onChange={() => setScores({ ...scores, [c]: { ...scores[c], score: n } })} />{n}</label>
                  ))}</td>
                  <td><input name={`${c}-comment`} placeholder={t.comment} value={scores[c]?.comment ?? ''} onInput={(e) => setScores({ ...scores, [c]: { ...scores[c], comment: e.currentTarget.value } })} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <textarea name="review-comment" rows={2} placeholder={t.comment} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          <button type="submit" class="small">{t.score}</button>
        </form>
      ) : r.scores && (
        <ul class="scores">{Object.entries(r.scores).map(([c, s]) => <li key={c}><strong>{c}</strong>: {s.score}{s.comment && <> — {s.comment}</>}</li>)}</ul>
      )}
      {!canScore && r.comment && <p>{r.comment}</p>}
      {r.answer && <blockquote class="review-answer"><strong>{t.answer}:</strong> {r.answer}</blockquote>}
      {canAnswer && r.status === 'scored' && !r.answer && (
        <form onSubmit={(e) => { e.preventDefault(); onChange(() => lead.answer(r.id, answer)); }}>
          <textarea name="review-answer" rows={2} value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} />
          <button type="submit" class="small" disabled={!answer.trim()}>{t.sendAnswer}</button>
        </form>
      )}
    </article>
  );
}
