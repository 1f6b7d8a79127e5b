/** The team lead's tools' calls (incidents, feature requests, the weekly review) over the session's API client. */
import type { Api } from './api';
import type { BroadcastOutcome } from '../../../../libs/insights/src/broadcast/api-types';
import type { FeatureRequestDetail, FeatureRequestView } from '../../../../libs/insights/src/feature-requests/api-types';
import type { IncidentSuggestion, IncidentUpdateView, IncidentView } from '../../../../libs/insights/src/incidents/api-types';
import type { ReviewAssignmentView, ReviewSettingsView, ReviewTrendRow } from '../../../../libs/insights/src/quality-review/api-types';

export type {
  BroadcastOutcome, FeatureRequestDetail, FeatureRequestView, IncidentSuggestion, IncidentUpdateView, IncidentView, ReviewAssignmentView, ReviewSettingsView, ReviewTrendRow,
};
export type IncidentDetail = IncidentView & { updates: IncidentUpdateView[] };

/** A new key per composed update: sending it twice (a double click, a retry after a timeout) is one update. */
export const newUpdateKey = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function leadApi(api: Api) {
  const { call } = api;
  return {
    incidents: (status?: 'open' | 'resolved') => call<{ items: IncidentView[] }>('GET', `/api/incidents${status ? `?status=${status}` : ''}`),
    incident: (id: number) => call<IncidentDetail>('GET', `/api/incidents/${id}`),
    createIncident: (title: string, description: string) => call<IncidentView>('POST', '/api/incidents', { title, description }),
    link: (id: number, conversationIds: number[]) => call<IncidentView>('POST', `/api/incidents/${id}/conversations`, { conversationIds }),
    unlink: (id: number, conversationId: number) => call<IncidentView>('DELETE', `/api/incidents/${id}/conversations/${conversationId}`),
    incidentSuggestions: (id: number) => call<{ items: IncidentSuggestion[] }>('GET', `/api/incidents/${id}/suggestions`),
    postUpdate: (id: number, body: string, key: string) => call<IncidentUpdateView>('POST', `/api/incidents/${id}/updates`, { body, key }),
    resolveIncident: (id: number, message: string, resolveConversations: boolean) =>
      call<IncidentDetail>('POST', `/api/incidents/${id}/resolve`, { ...(message.trim() ? { message } : {}), resolveConversations }),

    featureRequests: (q?: string) => call<{ items: FeatureRequestView[] }>('GET', `/api/feature-requests${q ? `?q=${encodeURIComponent(q)}` : ''}`),
    featureRequest: (id: number) => call<FeatureRequestDetail>('GET', `/api/feature-requests/${id}`),
    recordFeatureRequest: (input: { conversationId: number; featureRequestId?: number; title?: string; workaround?: string }) =>
      call<FeatureRequestDetail>('POST', '/api/feature-requests', input),
    ship: (id: number, message: string) => call<FeatureRequestDetail>('POST', `/api/feature-requests/${id}/ship`, { message }),
    featureRequestsCsv: () => api.download('/api/feature-requests?format=csv'),

    reviewSettings: () => call<ReviewSettingsView>('GET', '/api/reviews/settings'),
    saveReviewSettings: (settings: Partial<ReviewSettingsView>) => call<ReviewSettingsView>('PUT', '/api/reviews/settings', settings),
    pickReviews: () => call<{ picked: boolean }>('POST', '/api/reviews/pick'),
    reviews: (filter: { status?: string; reviewer?: number } = {}) => {
      const params = new URLSearchParams();
      if (filter.status) params.set('status', filter.status);
      if (filter.reviewer) params.set('reviewer', String(filter.reviewer));
      return call<{ items: ReviewAssignmentView[] }>('GET', `/api/reviews?${params}`);
    },
    score: (id: number, scores: Record<string, { score: number; comment?: string }>, comment: string) =>
      call<ReviewAssignmentView>('POST', `/api/reviews/${id}/score`, { scores, ...(comment.trim() ? { comment } : {}) }),
    answer: (id: number, answer: string) => call<ReviewAssignmentView>('POST', `/api/reviews/${id}/answer`, { answer }),
    trend: () => call<{ items: ReviewTrendRow[] }>('GET', '/api/reviews/trend'),
  };
}
export type LeadApi = ReturnType<typeof leadApi>;
