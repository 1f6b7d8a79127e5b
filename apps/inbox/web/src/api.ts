/** The inbox API as the front end uses it: every call carries the agent's bearer token. */

import { CONVERSATION_STATUSES } from '../../../../libs/conversations/src/api-types';
import type { CsatSurveyView } from './components/CsatRating';
import type { Board, ContactView, ConversationStatus, ConversationView, MessageView } from '../../../../libs/conversations/src/api-types';
import type { GroupBy, Overview, OverviewTable } from '../../../../libs/insights/src/api-types';

// The server's own view types, shared type-only so the two sides cannot drift.
export type {
  Attachment, Board, BoardChannel, ContactView, ConversationStatus, ConversationView, DeliveryStatus, MessageView, SlaState,
} from '../../../../libs/conversations/src/api-types';
export type { ChannelCapabilities, ChannelTypeView } from '../../../../libs/channels/src/channel-capabilities';
import type { ChannelCapabilities, ChannelTypeView } from '../../../../libs/channels/src/channel-capabilities';
export const STATUSES: ConversationStatus[] = [...CONVERSATION_STATUSES];
export type { GroupBy, Overview, OverviewTable, ReportFigures } from '../../../../libs/insights/src/api-types';

export interface OverviewQuery {
  from: Date;
  to: Date;
  groupBy: GroupBy;
  channel?: string;
  agent?: number;
  /** The viewer's zone by default, so buckets follow the wall clock they read. */
  tz?: string;
}

function overviewParams(q: OverviewQuery): URLSearchParams {
  const params = new URLSearchParams({ from: q.from.toISOString(), to: q.to.toISOString(), groupBy: q.groupBy, tz: q.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone });
  if (q.channel) params.set('channel', q.channel);
  if (q.agent !== undefined) params.set('agent', String(q.agent));
  return params;
}

export interface UploadedFile {
  storageKey: string;
  name: string;
  contentType: string;
  size: number;
}

export interface Me {
  agentId: number;
  name: string;
  role: string;
}

export interface AgentInfo {
  id: number;
  name: string;
  email: string;
  role: string;
  active: boolean;
}

export interface ChannelInfo {
  id: string;
  type: string;
  name: string;
  enabled: boolean;
  state: string;
  reason: string | null;
  /** What the channel carries (null: its type is not in this build). */
  capabilities: ChannelCapabilities | null;
}

export interface Policies {
  channels: Record<string, { type: string; firstResponse: string; warnAt: number }>;
}

export interface ListQuery {
  status?: string;
  channel?: string;
  assignee?: 'me' | 'none';
  breaching?: boolean;
  q?: string;
}

/** A knowledge base article suggested for a conversation; the HTML fields are escaped text with `<mark>` only. */
export interface SuggestedArticle {
  article: { id: number; title: string; plainText: string; helpUrl: string; language: string; category: string };
  titleHtml: string;
  snippetHtml: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function createApi(token: string, onUnauthorized: () => void = () => undefined) {
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(path, {
      method,
      // A FormData body (file upload) sets its own multipart Content-Type.
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined || body instanceof FormData ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    if (res.status === 401) onUnauthorized();
    if (!res.ok) {
      const detail = await res.json().catch(() => null);
      const message = Array.isArray(detail?.message) ? detail.message.join('; ') : detail?.message ?? res.statusText;
      throw new ApiError(res.status, message);
    }
    return res;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await send(method, path, body)).json();

  return {
    me: () => json<Me>('GET', '/api/me'),
    conversations(query: ListQuery, cursor?: string | null) {
      const params = new URLSearchParams();
      if (query.status) params.set('status', query.status);
      if (query.channel) params.set('channel', query.channel);
      if (query.assignee) params.set('assignee', query.assignee);
      if (query.breaching) params.set('breaching', 'true');
      if (query.q?.trim()) params.set('q', query.q.trim());
      if (cursor) params.set('cursor', cursor);
      return json<{ items: ConversationView[]; nextCursor: string | null }>('GET', `/api/conversations?${params}`);
    },
    conversation: (id: number) => json<ConversationView>('GET', `/api/conversations/${id}`),
    messages: (id: number) => json<{ items: MessageView[] }>('GET', `/api/conversations/${id}/messages`),
    csat: (id: number) => json<{ survey: CsatSurveyView | null }>('GET', `/api/conversations/${id}/csat`),
    contact: (id: number) => json<ContactView>('GET', `/api/contacts/${id}`),
    post: (id: number, body: string, kind: 'reply' | 'note', attachments: UploadedFile[] = []) =>
      json<MessageView>('POST', `/api/conversations/${id}/messages`, {
        body, kind, ...(attachments.length ? { attachments: attachments.map(({ storageKey, name, contentType }) => ({ storageKey, name, contentType })) } : {}),
      }),
    /** Uploads a file to attach to a reply. */
    upload: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return json<UploadedFile>('POST', '/api/attachments', form);
    },
    suggestions: (id: number) => json<{ language: string | null; items: SuggestedArticle[] }>('GET', `/api/conversations/${id}/suggestions`),
    articleUsed: async (articleId: number, conversationId: number, kind: 'link' | 'text') => {
      await send('POST', `/api/kb/articles/${articleId}/used`, { conversationId, kind });
    },
    assign: (id: number, agentId: number | null) => json<ConversationView>('POST', `/api/conversations/${id}/assign`, { agentId }),
    setStatus: (id: number, status: ConversationStatus) => json<ConversationView>('POST', `/api/conversations/${id}/status`, { status }),
    retry: (messageId: number) => json<MessageView>('POST', `/api/messages/${messageId}/retry`),
    channels: () => json<{ items: ChannelInfo[]; types: ChannelTypeView[] }>('GET', '/api/channels'),
    /** In how many messages the channel's adapter will send this reply. */
    replyParts: (channelId: string, text: string) => json<{ parts: number; maxLength: number | null }>('POST', `/api/channels/${encodeURIComponent(channelId)}/reply-parts`, { text }),
    agents: () => json<{ items: AgentInfo[] }>('GET', '/api/agents'),
    policies: () => json<Policies>('GET', '/api/policies'),
    overview: (q: OverviewQuery) => json<Overview>('GET', `/api/reports/overview?${overviewParams(q)}`),
    /** One table of the overview as the CSV file the server exports. */
    overviewCsv: async (q: OverviewQuery, table: OverviewTable) => (await send('GET', `/api/reports/overview?${overviewParams(q)}&format=csv&table=${table}`)).blob(),
    board: (since: Date) => json<Board>('GET', `/api/board?since=${encodeURIComponent(since.toISOString())}`),
    /** A customer's file as bytes (the server always sends it as a download, never to be rendered). */
    attachment: async (key: string) => (await send('GET', `/api/attachments/${encodeURIComponent(key)}`)).blob(),
  };
}

export type Api = ReturnType<typeof createApi>;
