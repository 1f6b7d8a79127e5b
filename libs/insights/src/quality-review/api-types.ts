// The weekly quality review as the API serves it: no imports, so the web app shares it type-only.

export const DEFAULT_REVIEW_CRITERIA = ['greeting', 'accuracy', 'tone', 'solution'];

export interface ReviewSettingsView {
  weekday: number;
  hour: number;
  timeZone: string;
  perAgent: number;
  criteria: string[];
  longMessages: number;
}

export interface ReviewAssignmentView {
  id: number;
  roundId: number;
  weekStart: string;
  conversationId: number;
  agentId: number;
  reviewerId: number | null;
  reasons: string[];
  status: 'pending' | 'scored';
  scores: Record<string, { score: number; comment: string | null }> | null;
  comment: string | null;
  reviewedAt: string | null;
  answer: string | null;
  answeredAt: string | null;
}

/** Average score per week: overall and per criterion, for each agent (agents see their own row only). */
export interface ReviewTrendRow {
  agentId: number;
  weekStart: string;
  reviews: number;
  average: number;
  criteria: Record<string, number>;
}
