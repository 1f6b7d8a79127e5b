// Incidents as the API serves them: type-only imports, so the web app shares them.
import type { BroadcastOutcome } from '../broadcast/api-types';

export interface IncidentView {
  id: number;
  title: string;
  description: string;
  status: 'open' | 'resolved';
  createdById: number | null;
  createdAt: string;
  resolvedAt: string | null;
  conversationIds: number[];
}

export interface IncidentUpdateView {
  id: number;
  body: string;
  authorId: number | null;
  key: string;
  final: boolean;
  createdAt: string;
  /** Who was told, who could not be and why. */
  outcome: BroadcastOutcome;
}

/** An open conversation whose customer wrote the incident's words since it began. */
export interface IncidentSuggestion {
  conversationId: number;
  channelId: string;
  status: string;
  matched: string[];
  text: string;
}
