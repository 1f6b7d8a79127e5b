// Feature requests as the API serves them: type-only imports, so the web app shares them.
import type { BroadcastOutcome } from '../broadcast/api-types';

export interface FeatureRequestView {
  id: number;
  title: string;
  status: 'open' | 'shipped';
  /** Distinct customers (contacts) who asked. */
  customers: number;
  /** Conversations it was recorded in. */
  asks: number;
  /** Customers per channel, most first. */
  channels: Array<{ channelId: string; customers: number }>;
  createdAt: string;
  shippedAt: string | null;
  shipMessage: string | null;
}

export interface FeatureRequestAskView {
  conversationId: number;
  contactId: number;
  channelId: string;
  agentId: number | null;
  workaround: string | null;
  createdAt: string;
}

export interface FeatureRequestDetail extends FeatureRequestView {
  askedBy: FeatureRequestAskView[];
  /** Once shipped: who was told and who could not be. */
  outcome: BroadcastOutcome | null;
}

/** The columns of the CSV export for the product team. */
export const FEATURE_REQUEST_CSV_COLUMNS = ['id', 'title', 'status', 'customers', 'asks', 'channels', 'workarounds', 'createdAt', 'shippedAt'] as const;
