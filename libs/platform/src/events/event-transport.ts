import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { RedisConnections } from '../redis/redis-connections';
import { decodeEvent, encodeEvent } from './event-codec.util';

/** Receives events published by the other processes of the cluster (never this process's own). */
export type RemoteEventHandler = (name: string, payload: unknown) => void;

/**
 * Carries domain events between processes. In one process there is nobody to tell: `publish` does nothing.
 * In a cluster (`REDIS_URL`) every event goes to one Redis pub/sub channel under the prefix and every other
 * process hands it to its listeners. Pub/sub, not a stream: an event is a nudge to refresh a screen or a
 * timer; what must not be lost is in the database (the outbox, the SLA fields) and swept from there.
 */
export abstract class EventTransport {
  abstract publish(name: string, payload: unknown): void;
  abstract subscribe(handler: RemoteEventHandler): void;
}

@Injectable()
export class InProcessEventTransport extends EventTransport {
  publish(): void {
    // One process: its own emitter already told every listener.
  }

  subscribe(): void {
    // No other process to hear from.
  }
}

@Injectable()
export class RedisEventTransport extends EventTransport implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventTransport');
  /** Tells this process's own messages apart when they come back from Redis. */
  private readonly origin = `${process.pid}-${randomUUID()}`;
  private readonly handlers: RemoteEventHandler[] = [];
  private publisher!: Redis;
  private subscriber!: Redis;
  private channel!: string;

  constructor(private readonly redis: RedisConnections) {
    super();
  }

  async onModuleInit(): Promise<void> {
    this.channel = this.redis.key('events');
    this.publisher = this.redis.connect('events-pub');
    this.subscriber = this.redis.connect('events-sub');
    this.subscriber.on('message', (_channel: string, text: string) => this.receive(text));
    // Subscribed before the app serves, so no event published after start-up is missed.
    await this.subscriber.subscribe(this.channel);
  }

  publish(name: string, payload: unknown): void {
    this.publisher.publish(this.channel, encodeEvent(name, this.origin, payload)).catch((err: Error) => {
      this.logger.warn(`event ${name} not published to the other processes: ${err.message}`);
    });
  }

  subscribe(handler: RemoteEventHandler): void {
    this.handlers.push(handler);
  }

  async onApplicationShutdown(): Promise<void> {
    this.handlers.length = 0;
  }

  private receive(text: string): void {
    let event;
    try {
      event = decodeEvent(text);
    } catch (err) {
      this.logger.warn(`ignored a malformed event: ${(err as Error).message}`);
      return;
    }
    if (event.origin === this.origin) return;
    for (const handler of this.handlers) handler(event.name, event.payload);
  }
}
