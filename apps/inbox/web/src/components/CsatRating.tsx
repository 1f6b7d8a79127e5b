import { useEffect, useState } from 'preact/hooks';
import { Lang, useLang } from '../i18n';
import { useSession } from '../session';

/** A conversation's satisfaction survey, as GET /api/conversations/:id/csat serves it. */
export interface CsatSurveyView {
  status: 'scheduled' | 'asking' | 'sent' | 'answered' | 'skipped' | 'cancelled';
  rating: number | null;
  comment: string | null;
  skipReason: string | null;
  answeredAt: string | null;
}

const FACES: Record<number, string> = { 5: '🤩', 4: '😀', 3: '😐', 2: '🙁', 1: '😠' };

// The survey's own few words, kept here rather than in the shared dictionary.
const TEXTS: Record<Lang, { rating: string; asked: string; scheduled: string; skipped: string }> = {
  en: { rating: 'Rating', asked: 'Survey sent, no rating yet', scheduled: 'Survey scheduled', skipped: 'Survey not sent' },
  ru: { rating: 'Оценка', asked: 'Опрос отправлен, оценки пока нет', scheduled: 'Опрос запланирован', skipped: 'Опрос не отправлен' },
};

/** The customer's rating (and comment) in the conversation's header; nothing when no survey was asked. */
export function CsatRating({ conversationId, status }: { conversationId: number; status: string }) {
  const { api } = useSession();
  const t = TEXTS[useLang()];
  const [survey, setSurvey] = useState<CsatSurveyView | null>(null);
  useEffect(() => {
    let live = true;
    api.csat(conversationId).then((r) => live && setSurvey(r.survey)).catch(() => live && setSurvey(null));
    return () => { live = false; };
  }, [conversationId, status]);
  if (!survey || survey.status === 'cancelled') return null;
  if (survey.status === 'answered' && survey.rating !== null) {
    return (
      <div class="csat-rating" data-rating={survey.rating}>
        {t.rating}: <span class="csat-face" aria-label={`${survey.rating}/5`}>{FACES[survey.rating]}</span>
        {survey.comment && <q class="csat-comment">{survey.comment}</q>}
      </div>
    );
  }
  if (survey.status === 'skipped') return <div class="csat-rating muted" title={survey.skipReason ?? ''}>{t.skipped}: {survey.skipReason}</div>;
  return <div class="csat-rating muted">{survey.status === 'scheduled' ? t.scheduled : t.asked}</div>;
}
