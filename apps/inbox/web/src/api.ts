/**
 * The inbox API as the front end uses it: calls carry the browser's session cookie (and the CSRF token on writes),
 * or an agent's bearer token when signed in with one.
 */

import { CONVERSATION_STATUSES } from '../../../../libs/conversations/src/api-types';
import type { CsatSurveyView } from './components/CsatRating';
import type { Board, BulkResult, ContactView, ConversationStatus, ConversationView, MentionView, MessageView, ReminderView } from '../../../../libs/conversations/src/api-types';
import type { GroupBy, Overview, OverviewTable } from '../../../../libs/insights/src/api-types';

// The server's own view types, shared type-only so the two sides cannot drift.
export type {
  AgentNotice, Attachment, Board, BoardChannel, BulkResult, ContactView, LabelView, MentionView, ReminderView, ConversationStatus, ConversationView, DeliveryStatus, MessageView, SlaState,
} from '../../../../libs/conversations/src/api-types';
import type { LabelView } from '../../../../libs/conversations/src/api-types';
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
  capacity: number;
  /** The agent INBOX_ADMIN_TOKEN acts as: not a person, never offered as an assignee. */
  builtIn: boolean;
  hasPassword: boolean;
}

export interface TokenInfo {
  id: number;
  agentId: number;
  agentName: string;
  agentEmail: string;
  label: string;
  createdAt: string;
}

/** What GET /api/session says: a fresh installation, or who this browser is signed in as. */
export interface SessionState {
  firstRun: boolean;
  agent: (Me & { hasPassword: boolean }) | null;
}

export interface ChannelInfo {
  id: string;
  type: string;
  name: string;
  enabled: boolean;
  state: string;
  reason: string | null;
  since?: string | null;
  /** When the process holding the channel last reported this state (cluster); null when the answering process runs it. */
  reportedAt?: string | null;
  /** The worker process holding the connection, in a cluster. */
  owner?: { host: string; pid: number } | null;
  /** What the channel carries (null: its type is not in this build). */
  capabilities: ChannelCapabilities | null;
}

export interface PolicyView {
  firstResponse: string;
  nextResponse: string;
  warnAt: number;
}

export interface Policies {
  types: Record<string, PolicyView>;
  channels: Record<string, PolicyView & { type: string }>;
}

export interface ListQuery {
  status?: string;
  channel?: string;
  team?: number;
  assignee?: 'me' | 'none';
  breaching?: boolean;
  q?: string;
  /** A label id. */
  label?: string;
  /** Conversations the bot holds: hidden unless `only` (the "With the bot" tab) or `include`. */
  bot?: 'only' | 'include';
}

export type { CannedReplyScope, CannedReplyView as CannedReply } from '../../../../libs/conversations/src/api-types';
import type { CannedReplyView as CannedReply } from '../../../../libs/conversations/src/api-types';

export type CannedReplyInput = Pick<CannedReply, 'shortCode' | 'title' | 'body' | 'scope'> & { teamId?: number | null };

/** A knowledge base article suggested for a conversation; the HTML fields are escaped text with `<mark>` only. */
export interface SuggestedArticle {
  article: { id: number; title: string; plainText: string; helpUrl: string; language: string; category: string };
  titleHtml: string;
  snippetHtml: string;
}

export type Availability = 'online' | 'busy' | 'offline';
export interface MyAvailability { agentId: number; availability: Availability; holding: number; capacity: number }
export interface TeamInfo {
  id: number;
  name: string;
  line: number;
  channels: string[];
  assignment: 'manual' | 'auto';
  overflowTeamId: number | null;
  overflowAfterSeconds: number | null;
  members: Array<{ agentId: number; lead: boolean }>;
}
export interface TeamQueue {
  team: TeamInfo;
  waiting: ConversationView[];
  longestWaitSeconds: number | null;
  members: Array<{ agentId: number; name: string; lead: boolean; availability: Availability; away: boolean; holding: number; capacity: number }>;
}
export interface TeamQueueLine { teamId: number; name: string; line: number; waiting: number; overflowed: number; longestWaitSeconds: number | null; online: number; room: number }
export interface RoutingMoveView { kind: string; fromTeamId: number | null; toTeamId: number | null; fromAgentId: number | null; agentId: number | null; note: string | null; at: string }
export interface ConversationRouting {
  conversationId: number;
  team: { id: number; name: string; line: number } | null;
  escalation: RoutingMoveView | null;
  history: RoutingMoveView[];
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The CSRF token the server set beside the session cookie; sent back on every write. */
function csrfToken(): string {
  return /(?:^|;\s*)inbox_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
}

async function request(method: string, path: string, body: unknown, auth: Record<string, string>): Promise<Response> {
  const res = await fetch(path, {
    method,
    // A FormData body (file upload) sets its own multipart Content-Type.
    headers: { ...auth, ...(body === undefined || body instanceof FormData ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  if (!res.ok) {
    const detail = await res.json().catch(() => null);
    const message = Array.isArray(detail?.message) ? detail.message.join('; ') : detail?.message ?? res.statusText;
    throw new ApiError(res.status, message);
  }
  return res;
}

const sessionCall = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
  (await request(method, path, body, method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken() })).json();

/** Signing in and out of the browser session (no token needed). */
export const sessionApi = {
  current: () => sessionCall<SessionState>('GET', '/api/session'),
  signIn: (email: string, password: string) => sessionCall<Me>('POST', '/api/session', { email, password }),
  firstAccount: (name: string, email: string, password: string) => sessionCall<Me>('POST', '/api/setup/first-account', { name, email, password }),
  redeemLink: (token: string) => sessionCall<Me>('POST', '/api/session/link', { token }),
  signOut: async () => { await request('DELETE', '/api/session', undefined, { 'X-CSRF-Token': csrfToken() }); },
};

/** The API as the signed-in agent: with `token`, as its bearer; without, by the session cookie. */
export function createApi(token: string | null, onUnauthorized: () => void = () => undefined) {
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken() };
    try {
      return await request(method, path, body, auth);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnauthorized();
      throw err;
    }
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await send(method, path, body)).json();

  return {
    me: () => json<Me>('GET', '/api/me'),
    conversations(query: ListQuery, cursor?: string | null) {
      const params = new URLSearchParams();
      if (query.status) params.set('status', query.status);
      if (query.channel) params.set('channel', query.channel);
      if (query.team !== undefined) params.set('team', String(query.team));
      if (query.assignee) params.set('assignee', query.assignee);
      if (query.breaching) params.set('breaching', 'true');
      if (query.q?.trim()) params.set('q', query.q.trim());
      if (query.label) params.set('label', query.label);
      if (query.bot) params.set('bot', query.bot);
      if (cursor) params.set('cursor', cursor);
      return json<{ items: ConversationView[]; nextCursor: string | null }>('GET', `/api/conversations?${params}`);
    },
    conversation: (id: number) => json<ConversationView>('GET', `/api/conversations/${id}`),
    messages: (id: number) => json<{ items: MessageView[] }>('GET', `/api/conversations/${id}/messages`),
    csat: (id: number) => json<{ survey: CsatSurveyView | null }>('GET', `/api/conversations/${id}/csat`),
    contact: (id: number) => json<ContactView>('GET', `/api/contacts/${id}`),
    /** `reminder`: a note's reminder, for its author unless `agentId` names another agent. */
    post: (id: number, body: string, kind: 'reply' | 'note', attachments: UploadedFile[] = [], reminder?: { at: Date; agentId?: number }) =>
      json<MessageView>('POST', `/api/conversations/${id}/messages`, {
        body, kind, ...(attachments.length ? { attachments: attachments.map(({ storageKey, name, contentType }) => ({ storageKey, name, contentType })) } : {}),
        ...(reminder ? { remindAt: reminder.at.toISOString(), ...(reminder.agentId ? { remindFor: reminder.agentId } : {}) } : {}),
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
    setStatus: (id: number, status: ConversationStatus, until?: Date) =>
      json<ConversationView>('POST', `/api/conversations/${id}/status`, { status, ...(until ? { until: until.toISOString() } : {}) }),
    /** One action on many conversations: `assign { agentId }`, `status { status, until? }`. */
    bulk: (ids: number[], action: string, fields: Record<string, unknown>) => json<BulkResult>('POST', '/api/conversations/bulk', { ids, action, ...fields }),
    markRead: (id: number) => json<{ cleared: boolean }>('POST', `/api/conversations/${id}/read`),
    reminders: () => json<{ items: ReminderView[] }>('GET', '/api/reminders'),
    /** The caller's reminders on one conversation that have not fired yet. */
    remindersOn: (conversationId: number) => json<{ items: ReminderView[] }>('GET', `/api/conversations/${conversationId}/reminders`),
    cancelReminder: async (id: number) => { await send('DELETE', `/api/reminders/${id}`); },
    rescheduleReminder: (id: number, at: Date) => json<ReminderView>('PATCH', `/api/reminders/${id}`, { remindAt: at.toISOString() }),
    mentions: () => json<{ items: MentionView[] }>('GET', '/api/mentions'),
    retry: (messageId: number) => json<MessageView>('POST', `/api/messages/${messageId}/retry`),
    channels: () => json<{ items: ChannelInfo[]; types: ChannelTypeView[] }>('GET', '/api/channels'),
    /** In how many messages the channel's adapter will send this reply. */
    replyParts: (channelId: string, text: string) => json<{ parts: number; maxLength: number | null }>('POST', `/api/channels/${encodeURIComponent(channelId)}/reply-parts`, { text }),
    agents: () => json<{ items: AgentInfo[] }>('GET', '/api/agents'),
    createAgent: (input: { name: string; email: string; role: string }) =>
      json<AgentInfo & { signInUrl: string }>('POST', '/api/agents', { ...input, token: false }),
    updateAgent: (id: number, changes: { active?: boolean; role?: string; capacity?: number }) => json<AgentInfo>('PATCH', `/api/agents/${id}`, changes),
    signInLink: (id: number) => json<{ signInUrl: string; expiresAt: string }>('POST', `/api/agents/${id}/sign-in-link`),
    tokens: () => json<{ items: TokenInfo[] }>('GET', '/api/tokens'),
    revokeToken: async (id: number) => { await send('DELETE', `/api/tokens/${id}`); },
    setPassword: async (password: string, currentPassword?: string) => { await send('PUT', '/api/me/password', { password, ...(currentPassword ? { currentPassword } : {}) }); },
    policies: () => json<Policies>('GET', '/api/policies'),
    /** Changes a channel type's or a channel's policy (ops). */
    updatePolicy: (scope: string, changes: Partial<Pick<PolicyView, 'firstResponse' | 'nextResponse'>>) =>
      json<PolicyView>('PUT', `/api/policies/${encodeURIComponent(scope)}`, changes),
    /** The QR code a WhatsApp channel waits to have scanned, as a PNG (ops). */
    channelQr: async (id: string) => (await send('GET', `/api/channels/${encodeURIComponent(id)}/qr`)).blob(),
    overview: (q: OverviewQuery) => json<Overview>('GET', `/api/reports/overview?${overviewParams(q)}`),
    /** One table of the overview as the CSV file the server exports. */
    overviewCsv: async (q: OverviewQuery, table: OverviewTable) => (await send('GET', `/api/reports/overview?${overviewParams(q)}&format=csv&table=${table}`)).blob(),
    // routing
    teams: () => json<{ items: TeamInfo[] }>('GET', '/api/teams'),
    /** Ops: a team's fields (members replace the list). */
    saveTeam: (id: number | null, team: Partial<Omit<TeamInfo, 'id'>>) =>
      (id === null ? json<TeamInfo>('POST', '/api/teams', team) : json<TeamInfo>('PATCH', `/api/teams/${id}`, team)),
    deleteTeam: async (id: number) => { await send('DELETE', `/api/teams/${id}`); },
    teamQueue: (teamId: number) => json<TeamQueue>('GET', `/api/teams/${teamId}/queue`),
    teamQueues: () => json<{ at: string; teams: TeamQueueLine[] }>('GET', '/api/teams/queues'),
    myAvailability: () => json<MyAvailability>('GET', '/api/me/availability'),
    setAvailability: (availability: Availability) => json<MyAvailability>('PUT', '/api/me/availability', { availability }),
    conversationRouting: (id: number) => json<ConversationRouting>('GET', `/api/conversations/${id}/routing`),
    escalate: (id: number, note: string, teamId?: number) => json<{ conversation: ConversationView; routing: ConversationRouting }>('POST', `/api/conversations/${id}/escalate`, { note, ...(teamId ? { teamId } : {}) }),
    board: (since: Date) => json<Board>('GET', `/api/board?since=${encodeURIComponent(since.toISOString())}`),
    /** Any JSON route, for the feature modules that keep their calls beside them (lead-api.ts). */
    call: <T>(method: string, path: string, body?: unknown) => json<T>(method, path, body),
    /** Any route's answer as a file. */
    download: async (path: string) => (await send('GET', path)).blob(),
    /** A customer's file as bytes (the server always sends it as a download, never to be rendered). */
    attachment: async (key: string) => (await send('GET', `/api/attachments/${encodeURIComponent(key)}`)).blob(),
    cannedReplies: (q = '', limit = 50) => json<{ items: CannedReply[] }>('GET', `/api/canned-replies?${new URLSearchParams({ q, limit: String(limit) })}`),
    /** The reply as the customer of this conversation will read it. */
    renderCannedReply: (id: number, conversationId: number) => json<{ text: string }>('POST', `/api/canned-replies/${id}/render`, { conversationId }),
    previewCannedReply: (body: string, conversationId: number) => json<{ text: string }>('POST', '/api/canned-replies/preview', { body, conversationId }),
    createCannedReply: (input: CannedReplyInput) => json<CannedReply>('POST', '/api/canned-replies', input),
    updateCannedReply: (id: number, input: Partial<CannedReplyInput>) => json<CannedReply>('PATCH', `/api/canned-replies/${id}`, input),
    deleteCannedReply: async (id: number) => {
      await send('DELETE', `/api/canned-replies/${id}`);
    },
    labels: () => json<{ items: LabelView[] }>('GET', '/api/labels'),
    createLabel: (name: string, color: string) => json<LabelView>('POST', '/api/labels', { name, color }),
    updateLabel: (id: number, changes: { name?: string; color?: string }) => json<LabelView>('PATCH', `/api/labels/${id}`, changes),
    deleteLabel: async (id: number) => {
      await send('DELETE', `/api/labels/${id}`);
    },
    addLabel: (conversationId: number, labelId: number) => json<{ items: LabelView[] }>('POST', `/api/conversations/${conversationId}/labels`, { labelId }),
    removeLabel: (conversationId: number, labelId: number) => json<{ items: LabelView[] }>('DELETE', `/api/conversations/${conversationId}/labels/${labelId}`),
  };
}

export type Api = ReturnType<typeof createApi>;
