import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { RedisConnections } from '@app/platform/redis/redis-connections';

/** How long a process's word that an agent is online lasts without being renewed. */
const PRESENCE_TTL_S = 30;
const RENEW_MS = 10_000;
/** How often a process re-counts the installation's online agents (the count is read on hot paths, so it is cached). */
const RECOUNT_MS = 5_000;

/**
 * Which agents have the inbox open right now (a live realtime connection), for load estimates. In a cluster
 * each API process keeps a key per agent it serves in Redis with a TTL, renewed while the socket lives, so a
 * process that dies stops counting within the TTL; every process counts them all.
 */
@Injectable()
export class AgentPresence implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AgentPresence.name);
  private readonly connections = new Map<number, number>();
  private readonly processId = randomUUID();
  private redis: Redis | null = null;
  private timers: NodeJS.Timeout[] = [];
  private clusterOnline: Set<number> | null = null;
  /** `connected` / `disconnected` (agentId): an agent's first socket on this process opened, its last one closed (routing's grace period). */
  readonly changes = new EventEmitter();

  constructor(private readonly connectionsToRedis: RedisConnections) {}

  onModuleInit(): void {
    if (!this.connectionsToRedis.enabled) return;
    this.redis = this.connectionsToRedis.connect('presence');
    this.timers = [
      setInterval(() => this.renewAll(), RENEW_MS),
      setInterval(() => void this.recount(), RECOUNT_MS),
    ];
    this.timers.forEach((t) => t.unref?.());
    void this.recount();
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((t) => clearInterval(t));
    if (this.redis) await Promise.all([...this.connections.keys()].map((id) => this.redis!.del(this.key(id)).catch(() => undefined)));
  }

  connected(agentId: number): void {
    this.connections.set(agentId, (this.connections.get(agentId) ?? 0) + 1);
    this.clusterOnline?.add(agentId);
    this.renew(agentId);
    if (this.connections.get(agentId) === 1) this.changes.emit('connected', agentId);
  }

  disconnected(agentId: number): void {
    const left = (this.connections.get(agentId) ?? 1) - 1;
    if (left > 0) this.connections.set(agentId, left);
    else {
      this.connections.delete(agentId);
      this.redis?.del(this.key(agentId)).catch(() => undefined);
      this.changes.emit('disconnected', agentId);
    }
  }

  onlineCount(): number {
    return this.clusterOnline ? new Set([...this.clusterOnline, ...this.connections.keys()]).size : this.connections.size;
  }

  isOnline(agentId: number): boolean {
    return this.connections.has(agentId) || (this.clusterOnline?.has(agentId) ?? false);
  }

  private key(agentId: number): string {
    return this.connectionsToRedis.key('presence', agentId, this.processId);
  }

  private renew(agentId: number): void {
    this.redis?.set(this.key(agentId), '1', 'EX', PRESENCE_TTL_S).catch((err: Error) => this.logger.warn(`presence not shared: ${err.message}`));
  }

  private renewAll(): void {
    for (const agentId of this.connections.keys()) this.renew(agentId);
  }

  private async recount(): Promise<void> {
    if (!this.redis) return;
    try {
      const online = new Set<number>();
      const pattern = this.connectionsToRedis.key('presence', '*');
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        for (const key of keys) online.add(Number(key.slice(this.connectionsToRedis.key('presence', '').length).split(':')[0]));
      } while (cursor !== '0');
      this.clusterOnline = online;
    } catch (err) {
      this.logger.warn(`could not count online agents: ${(err as Error).message}`);
    }
  }
}
