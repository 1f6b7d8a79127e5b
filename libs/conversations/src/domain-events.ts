import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { EventTransport } from '@app/platform/events/event-transport';
import type { AgentNotice } from './api-types';
import { Conversation, Message } from './entities';

/** Events published after a transaction commits; the realtime gateway, the relay and the SLA clock listen. */
export interface DomainEventMap {
  'message.created': { message: Message; conversation: Conversation };
  'message.updated': { message: Message; conversation: Conversation };
  'conversation.updated': { conversation: Conversation; reason: string };
  'outbox.enqueued': { channelId: string };
  /** The bot handed the conversation over: from now on it is the agents' (routing assigns it, the SLA clock runs). */
  'conversation.needs_agent': { conversation: Conversation; reason: string; at: string };
  'sla.warning': SlaAlert;
  'sla.breached': SlaAlert;
  /** Something for one agent's attention (a snooze ended, a reminder, a mention, routing's owner and SLA-lead notices): pushed to that agent only. */
  'agent.notice': AgentNotice;
  /** A response-time policy was changed through the API: every process reads the overrides again. */
  'policy.changed': { scope: string };
  /** Teams, members, an agent's availability or capacity changed (routing): queue views refresh, caches reload. */
  'routing.changed': { teamIds: number[]; agentId?: number };
  /** The process holding a channel saw its connection change state (or its WhatsApp QR code rotate): screens read the channels again. */
  'channel.state': ChannelStateChange;
  /**
   * An incident was opened, changed (conversations linked or unlinked, an update told) or resolved: the agents'
   * banners follow at once. The incident as the API shows it (insights' IncidentView; declared by its shape here,
   * since this library imports none of its readers).
   */
  'incident.changed': { incident: { id: number; status: 'open' | 'resolved'; title: string; conversationIds: number[] } };
}

/** A channel connection's new state, as its holder reports it (the QR code itself only through the ops' QR route). */
export interface ChannelStateChange {
  channelId: string;
  state: string;
  reason: string | null;
  since: string | null;
  owner: { host: string; pid: number };
}

/** A response-time alert fired by the SLA clock. */
export interface SlaAlert {
  conversationId: number;
  channelId: string;
  target: 'firstResponse' | 'nextResponse' | 'resolution';
  dueAt: string;
  at: string;
  /** Who held the conversation when it fired. */
  assigneeId: number | null;
}
export type DomainEventName = keyof DomainEventMap;


/**
 * Events published after a transaction commits. `on` hears every event of the installation (this process's at
 * once, the other processes' through the transport in a cluster); `onLocal` hears only this process's, for
 * fan-outs that reach every process by themselves (Socket.IO's Redis adapter), so nothing is pushed twice.
 */
@Injectable()
export class DomainEvents {
  private readonly everywhere = new EventEmitter().setMaxListeners(50);
  private readonly local = new EventEmitter().setMaxListeners(50);

  constructor(private readonly transport: EventTransport) {
    transport.subscribe((name, payload) => this.everywhere.emit(name, payload));
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.local.emit(name, payload);
    this.everywhere.emit(name, payload);
    this.transport.publish(name, payload);
  }

  /** Subscribes to the event wherever it happens; returns the unsubscribe function. A listener's error is logged by the caller, never thrown here. */
  on<K extends DomainEventName>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.everywhere.on(name, listener);
    return () => this.everywhere.off(name, listener);
  }

  /** Subscribes to the event only when this process emits it. */
  onLocal<K extends DomainEventName>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.local.on(name, listener);
    return () => this.local.off(name, listener);
  }
}
