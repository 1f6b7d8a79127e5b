import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AgentPresence, AgentsService, Principal } from '@app/agents';
import { WebchatHub } from '@app/channels';
import { Conversation, ConversationQueries, DomainEvents, toMessageView } from '@app/conversations';

const AGENTS_ROOM = 'agents';
const UPDATE_BATCH_MS = 50;
const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;

/**
 * Socket.IO namespace /realtime. Agents connect with `auth: { token }` and receive every
 * `message.created`, `message.updated`, `conversation.updated`, `sla.warning` and `sla.breached`; a web chat visitor connects
 * with `auth: { visitorId }` and receives only the replies meant for them (`reply`).
 */
@WebSocketGateway({ namespace: '/realtime', cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  @WebSocketServer() private server: Namespace;
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly unsubscribe: Array<() => void> = [];
  private readonly pendingUpdates = new Map<number, Conversation>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly agents: AgentsService,
    private readonly presence: AgentPresence,
    private readonly events: DomainEvents,
    private readonly queries: ConversationQueries,
    private readonly hub: WebchatHub,
  ) {}

  afterInit(): void {
    this.unsubscribe.push(
      this.events.on('message.created', ({ message }) => this.toAgents('message.created', toMessageView(message))),
      this.events.on('message.updated', ({ message }) => this.toAgents('message.updated', toMessageView(message))),
      this.events.on('sla.warning', (alert) => this.toAgents('sla.warning', alert)),
      this.events.on('sla.breached', (alert) => this.toAgents('sla.breached', alert)),
      this.events.on('conversation.updated', ({ conversation }) => this.queueUpdate(conversation)),
    );
    this.hub.attach((visitorId, delivery) => {
      const room = this.server.adapter.rooms.get(visitorRoom(visitorId));
      this.server.to(visitorRoom(visitorId)).emit('reply', delivery);
      return (room?.size ?? 0) > 0;
    });
  }

  /**
   * Conversation updates are pushed in small batches (one views query per batch, the latest state of each
   * conversation once), so a burst of inbound messages costs the screens, not the database.
   */
  private queueUpdate(conversation: Conversation): void {
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
    this.server?.to(AGENTS_ROOM).emit(event, payload);
  }

  async handleConnection(socket: Socket): Promise<void> {
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
