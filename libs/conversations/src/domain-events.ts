import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Conversation, Message } from './entities';

/** Events published after a transaction commits; the realtime gateway, the relay and the SLA clock listen. */
export interface DomainEventMap {
  'message.created': { message: Message; conversation: Conversation };
  'message.updated': { message: Message; conversation: Conversation };
  'conversation.updated': { conversation: Conversation; reason: string };
  'outbox.enqueued': { channelId: string };
  'sla.warning': SlaAlert;
  'sla.breached': SlaAlert;
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

@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(50);

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  /** Subscribes; returns the unsubscribe function. A listener's error is logged by the caller, never thrown here. */
  on<K extends DomainEventName>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
