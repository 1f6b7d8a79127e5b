import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AgentPresence, AgentsService, Principal } from '@app/agents';
import { WebchatHub } from '@app/channels';
import { Conversation, ConversationQueries, DomainEvents, toMessageView } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { addressKey, forwardedClientAddress } from './client-address.util';
import { FailedAuthLimiter, TooManyFailedSignIns } from './rate-limits';

const AGENTS_ROOM = 'agents';
const UPDATE_BATCH_MS = 50;
const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;
// Sockets of one address share a room, so its size (this process's sockets) is the count the cap checks.
const addressRoom = (address: string) => `address:${address}`;

/** A refused handshake: the client's connect_error carries the message and `data` (status, retryAfter). */
function refusal(message: string, data: { status: number; retryAfter?: number }): Error {
  return Object.assign(new Error(message), { data });
}

/**
 * Socket.IO namespace /realtime. Agents connect with `auth: { token }` and receive every
 * `message.created`, `message.updated`, `conversation.updated`, `sla.warning` and `sla.breached`; a web chat visitor connects
 * with `auth: { visitorId }` and receives only the replies meant for them (`reply`).
 *
 * Every process pushes the events it emits itself; in a cluster Socket.IO's Redis adapter carries each push to
 * the sockets on every API process, so an agent gets every event once wherever it happened. Workers run this
 * gateway only to push (SLA alerts, delivery updates, web chat replies they relay) and accept no connections.
 * with `auth: { visitorId }` and receives only the replies meant for them (`reply`). One address holds at most
 * `limits.socketsPerAddress` sockets per process; wrong tokens count as failed sign-ins of the address.
 */
@WebSocketGateway({ namespace: '/realtime', cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  @WebSocketServer() private server: Namespace;
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly unsubscribe: Array<() => void> = [];
  private readonly pendingUpdates = new Map<number, Conversation>();
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
  ) {}

  afterInit(): void {
    this.server.use((socket, next) => this.admit(socket, next));
    this.unsubscribe.push(
      this.events.onLocal('message.created', ({ message }) => this.toAgents('message.created', toMessageView(message))),
      this.events.onLocal('message.updated', ({ message }) => this.toAgents('message.updated', toMessageView(message))),
      this.events.onLocal('sla.warning', (alert) => this.toAgents('sla.warning', alert)),
      this.events.onLocal('sla.breached', (alert) => this.toAgents('sla.breached', alert)),
      this.events.onLocal('conversation.updated', ({ conversation }) => this.queueUpdate(conversation)),
      this.events.onLocal('routing.changed', (change) => this.toAgents('routing.changed', change)),
      this.events.onLocal('agent.notified', (notice) => this.toAgents('agent.notified', notice)),
    );
    this.hub.attach(async (visitorId, delivery) => {
      this.server.to(visitorRoom(visitorId)).emit('reply', delivery);
      // Whether the visitor's page is open on any process (the Redis adapter asks them all).
      const sockets = await this.server.in(visitorRoom(visitorId)).fetchSockets();
      return sockets.length > 0;
    });
  }

  /**
   * Conversation updates are pushed in small batches (one views query per batch, the latest state of each
   * conversation once), so a burst of inbound messages costs the screens, not the database.
   */
  private queueUpdate(conversation: Conversation): void {
    if (!this.agentsListening()) return; // nobody to show it to: no views query
    this.pendingUpdates.set(conversation.id, conversation);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      const batch = [...this.pendingUpdates.values()];
      this.pendingUpdates.clear();
      this.queries.views(batch)
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
    const { token, visitorId } = (socket.handshake.auth ?? {}) as { token?: string; visitorId?: string };
    if (typeof token === 'string') {
      const principal = await this.agents.authenticate(token);
      if (principal) {
        socket.data.principal = principal;
        this.presence.connected(principal.agentId);
        await socket.join(AGENTS_ROOM);
        socket.emit('ready', { agentId: principal.agentId });
        return;
      }
      try {
        await this.failedAuth.recordFailure(socket.data.address as string);
      } catch (err) {
        if (!(err instanceof TooManyFailedSignIns)) throw err;
        socket.emit('unauthorized', { message: err.message, status: 429, retryAfter: err.retryAfterSeconds });
        socket.disconnect(true);
        return;
      }
    } else if (typeof visitorId === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(visitorId)) {
      await socket.join(visitorRoom(visitorId));
      socket.emit('ready', { visitorId });
      return;
    }
    socket.emit('unauthorized', { message: 'a valid token (agents) or visitorId (web chat) is required' });
    socket.disconnect(true);
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
