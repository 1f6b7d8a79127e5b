import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { DataSource } from 'typeorm';
import { Namespace, Socket } from 'socket.io';
import { Agent, AgentPresence, AgentsService, CredentialRevocations, Principal, RevokedCredential, SessionsService } from '@app/agents';
import { visitorRoom, WebchatHub } from '@app/channels';
import { Conversation, ConversationQueries, DomainEvents, Message, toMessageView } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { addressKey, forwardedClientAddress } from './client-address.util';
import { FailedAuthLimiter, TooManyFailedSignIns } from './rate-limits';
import { TypingRelay } from './typing-relay';
import { isSameOrigin, readCookie, SESSION_COOKIE } from './session-cookie.util';
import { isAllowedOrigin, ownOriginOf } from '../webchat/webchat-origin.util';
import { WebchatVisitors } from '../webchat/webchat-visitors.service';

const AGENTS_ROOM = 'agents';
const UPDATE_BATCH_MS = 50;
/** One agent's sockets: notices meant for that agent only (a snooze ended, a reminder, a mention). */
const agentRoom = (agentId: number) => `agent:${agentId}`;
// Sockets of one address share a room, so its size (this process's sockets) is the count the cap checks.
const addressRoom = (address: string) => `address:${address}`;
// Rooms by credential (the agent's room above, a token's, a session's), so revoking one closes exactly the sockets it opened, on every process.
const tokenRoom = (tokenId: number) => `token:${tokenId}`;
const sessionRoom = (sessionKey: string) => `session:${sessionKey}`;

function revokedRoom(credential: RevokedCredential): string {
  if ('agentId' in credential) return agentRoom(credential.agentId);
  if ('tokenId' in credential) return tokenRoom(credential.tokenId);
  return sessionRoom(credential.sessionKey);
}

function credentialRooms(principal: Principal): string[] {
  const rooms = [AGENTS_ROOM, agentRoom(principal.agentId)];
  const credential = principal.credential;
  if (credential?.kind === 'token' && credential.tokenId !== null) rooms.push(tokenRoom(credential.tokenId));
  if (credential?.kind === 'session') rooms.push(sessionRoom(credential.sessionKey));
  return rooms;
}

/** A refused handshake: the client's connect_error carries the message and `data` (status, retryAfter). */
function refusal(message: string, data: { status: number; retryAfter?: number }): Error {
  return Object.assign(new Error(message), { data });
}

/**
 * Socket.IO namespace /realtime. Agents connect with `auth: { token }` (or, from the inbox page, with the session
 * cookie their browser sends) and receive every `message.created`, `message.updated`, `conversation.updated`,
 * `sla.warning`, `sla.breached`, `channel.state` and `incident.changed`, the `notice`s meant for them alone, and
 * visitors' `typing`. A web chat visitor connects with `auth: { visitorToken }` (the token POST /webchat/session
 * issued; from a page of an origin the channel allows) and receives only the replies meant for them (`reply`) and the
 * agent's `typing` (see relayTyping).
 *
 * Every process pushes the events it emits itself; in a cluster Socket.IO's Redis adapter carries each push to
 * the sockets on every API process, so an agent gets every event once wherever it happened. Workers run this
 * gateway only to push (SLA alerts, delivery updates, web chat replies they relay) and accept no connections.
 * One address holds at most `limits.socketsPerAddress` sockets per process; wrong tokens count as failed sign-ins
 * of the address. A deactivated agent's, a revoked token's or a signed-out session's sockets are disconnected at
 * once (through the adapter: on every process).
 */
@WebSocketGateway({ namespace: '/realtime', cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  @WebSocketServer() private server: Namespace;
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly unsubscribe: Array<() => void> = [];
  private readonly pendingUpdates = new Set<number>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentsService,
    private readonly presence: AgentPresence,
    private readonly events: DomainEvents,
    private readonly queries: ConversationQueries,
    private readonly hub: WebchatHub,
    private readonly failedAuth: FailedAuthLimiter,
    private readonly httpHost: HttpAdapterHost,
    private readonly typing: TypingRelay,
    private readonly sessions: SessionsService,
    private readonly revocations: CredentialRevocations,
    private readonly visitors: WebchatVisitors,
    private readonly db: DataSource,
  ) {}

  afterInit(): void {
    this.server.use((socket, next) => this.admit(socket, next));
    this.unsubscribe.push(
      this.events.onLocal('message.created', ({ message }) => this.toAgents('message.created', toMessageView(message))),
      this.events.onLocal('message.updated', ({ message }) => this.toAgents('message.updated', toMessageView(message))),
      this.events.onLocal('sla.warning', (alert) => this.toAgents('sla.warning', alert)),
      this.events.onLocal('sla.breached', (alert) => this.toAgents('sla.breached', alert)),
      this.events.onLocal('conversation.updated', ({ conversation }) => this.queueUpdate(conversation)),
      this.events.onLocal('agent.notice', (notice) => this.server?.to(agentRoom(notice.agentId)).emit('notice', notice)),
      this.events.onLocal('routing.changed', (change) => this.toAgents('routing.changed', change)),
      // Emitted by the channel's holder (a worker in a cluster): the Redis adapter carries it to the API processes' sockets.
      this.events.onLocal('channel.state', (change) => this.toAgents('channel.state', change)),
      this.events.onLocal('incident.changed', ({ incident }) => this.toAgents('incident.changed', incident)),
    );
    this.unsubscribe.push(this.revocations.onRevoked((credential) => {
      this.server.to(revokedRoom(credential)).emit('unauthorized', { message: 'signed out: the session or token was revoked, or the agent deactivated' });
      this.server.in(revokedRoom(credential)).disconnectSockets(true);
    }));
    this.hub.attach(async (room, delivery) => {
      this.server.to(room).emit('reply', { ...delivery, author: await this.authorOf(delivery.messageId, delivery.automatic) });
      // Whether the visitor's page is open on any process (the Redis adapter asks them all).
      const sockets = await this.server.in(room).fetchSockets();
      return sockets.length > 0;
    });
  }

  /**
   * Conversation updates are pushed in small batches (one read of their current state per batch, each conversation
   * once), so a burst of inbound messages costs the screens, not the database.
   */
  private queueUpdate(conversation: Conversation): void {
    if (!this.agentsListening()) return; // nobody to show it to: no views query
    this.pendingUpdates.add(conversation.id);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      const batch = [...this.pendingUpdates];
      this.pendingUpdates.clear();
      // Read again at the push: another process may have changed them since (routing assigns a chat ingest just stored).
      this.queries.currentViews(batch)
        .then((views) => views.forEach((view) => this.toAgents('conversation.updated', view)))
        .catch((err) => this.logger.warn(`conversation.updated not pushed: ${err.message}`));
    }, UPDATE_BATCH_MS);
  }

  /** A named event to every connected agent. */
  private toAgents(event: string, payload: unknown): void {
    if (this.agentsListening()) this.server.to(AGENTS_ROOM).emit(event, payload);
  }

  /**
   * Whether an agent may be watching: in one process, whether one is connected here (a busy channel with nobody
   * watching costs no encoding or views queries); in a cluster the agents may be on any API process, so always.
   */
  private agentsListening(): boolean {
    if (!this.server) return false;
    return this.config.redis !== undefined || (this.server.adapter.rooms.get(AGENTS_ROOM)?.size ?? 0) > 0;
  }

  /** Before a socket connects: refused when its address holds too many sockets or is refused for failed sign-ins. */
  private admit(socket: Socket, next: (err?: Error) => void): void {
    const trust = this.httpHost.httpAdapter?.getInstance()?.get?.('trust proxy fn') ?? (() => false);
    const address = addressKey(forwardedClientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trust));
    const room = addressRoom(address);
    const cap = this.config.limits.socketsPerAddress;
    if ((this.server.adapter.rooms.get(room)?.size ?? 0) >= cap) {
      next(refusal(`too many connections from this address (at most ${cap})`, { status: 429 }));
      return;
    }
    socket.data.address = address;
    void socket.join(room); // counted at once, so sockets arriving together cannot all pass the check
    this.failedAuth.assertAllowed(address).then(() => next(), (err) => {
      void socket.leave(room);
      next(err instanceof TooManyFailedSignIns ? refusal(err.message, { status: 429, retryAfter: err.retryAfterSeconds }) : err);
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    if (this.config.role === 'worker') {
      socket.emit('unauthorized', { message: 'this is a worker process; connect to an API process' });
      socket.disconnect(true);
      return;
    }
    const { token, visitorId, visitorToken } = (socket.handshake.auth ?? {}) as { token?: string; visitorId?: string; visitorToken?: string };
    if (typeof token === 'string') {
      const principal = await this.agents.authenticate(token);
      if (principal) return this.admitAgent(socket, principal);
      try {
        await this.failedAuth.recordFailure(socket.data.address as string);
      } catch (err) {
        if (!(err instanceof TooManyFailedSignIns)) throw err;
        socket.emit('unauthorized', { message: err.message, status: 429, retryAfter: err.retryAfterSeconds });
        socket.disconnect(true);
        return;
      }
    } else if (typeof visitorToken === 'string') {
      if (await this.admitVisitor(socket, visitorToken)) return;
    } else if (visitorId !== undefined) {
      socket.emit('unauthorized', { message: 'visitorId is no longer accepted: connect with auth { visitorToken } from POST /webchat/session', status: 400 });
      socket.disconnect(true);
      return;
    } else {
      const principal = await this.sessionPrincipal(socket);
      if (principal) return this.admitAgent(socket, principal);
    }
    socket.emit('unauthorized', { message: 'a valid token or session (agents) or visitorToken (web chat) is required' });
    socket.disconnect(true);
  }

  /** A visitor's page joins its identity's room, if the token is known and the page's site may use the channel. */
  private async admitVisitor(socket: Socket, token: string): Promise<boolean> {
    const visitor = await this.visitors.find(token);
    if (!visitor) return false;
    const { origin, host } = socket.handshake.headers;
    if (!isAllowedOrigin(origin, ownOriginOf(socket.handshake.secure ? 'https' : 'http', host), visitor.settings.allowedOrigins)) {
      socket.emit('unauthorized', { message: `the web chat "${visitor.channel.id}" may not be used from ${origin}`, status: 403 });
      socket.disconnect(true);
      return true;
    }
    socket.data.visitor = { channelId: visitor.channel.id, key: visitor.identityKey };
    await socket.join(visitorRoom(visitor.channel.id, visitor.identityKey));
    socket.emit('ready', { channel: visitor.channel.id });
    return true;
  }

  /** The agent's name on a reply the visitor sees; automatic messages have none. */
  private async authorOf(messageId: number, automatic: boolean): Promise<string | null> {
    if (automatic) return null;
    const message = await this.db.getRepository(Message).findOne({ where: { id: messageId }, select: { id: true, authorId: true } });
    if (!message?.authorId) return null;
    return (await this.db.getRepository(Agent).findOne({ where: { id: message.authorId }, select: { id: true, name: true } }))?.name ?? null;
  }

  /**
   * "Is typing…": an agent's `typing { conversationId, typing }` goes to the web chat visitor of that conversation
   * (with the agent's name), a visitor's `typing { typing }` to the agents with the visitor's conversation id.
   */
  @SubscribeMessage('typing')
  async relayTyping(@ConnectedSocket() socket: Socket, @MessageBody() body: { conversationId?: unknown; typing?: unknown }): Promise<void> {
    const typing = body?.typing !== false;
    const principal = socket.data.principal as Principal | undefined;
    if (principal && Number.isInteger(body?.conversationId)) {
      const conversationId = body.conversationId as number;
      const visitor = await this.typing.visitorOf(conversationId);
      if (!visitor) return;
      const agent = await this.db.getRepository(Agent).findOne({ where: { id: principal.agentId }, select: { id: true, name: true } });
      this.server.to(visitorRoom(visitor.channelId, visitor.key)).emit('typing', { conversationId, typing, author: agent?.name ?? null });
      return;
    }
    const visitor = socket.data.visitor as { channelId: string; key: string } | undefined;
    const conversationId = visitor ? await this.typing.visitorConversation(visitor.channelId, visitor.key) : null;
    if (conversationId !== null) this.toAgents('typing', { conversationId, typing });
  }

  /**
   * The agent of the session cookie the inbox page's socket carries. Only from the inbox's own origin: another
   * site's page cannot open a socket in the agent's name (SameSite keeps the cookie away too).
   */
  private async sessionPrincipal(socket: Socket): Promise<Principal | null> {
    const { headers } = socket.handshake;
    const secret = readCookie(headers.cookie, SESSION_COOKIE);
    if (!secret || !isSameOrigin(headers.origin, headers.host, this.config.publicUrl)) return null;
    return (await this.sessions.authenticate(secret))?.principal ?? null;
  }

  private async admitAgent(socket: Socket, principal: Principal): Promise<void> {
    socket.data.principal = principal;
    this.presence.connected(principal.agentId);
    await socket.join(credentialRooms(principal));
    socket.emit('ready', { agentId: principal.agentId });
  }

  handleDisconnect(socket: Socket): void {
    const principal = socket.data.principal as Principal | undefined;
    if (principal) this.presence.disconnected(principal.agentId);
  }

  onModuleDestroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.unsubscribe.forEach((off) => off());
  }

}
