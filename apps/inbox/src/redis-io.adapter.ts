import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { RedisConnections } from '@app/platform/redis/redis-connections';

/**
 * Socket.IO across processes (cluster mode): a push to a room reaches the sockets of that room on every
 * process, and `fetchSockets` sees them all. Its keys sit under `REDIS_PREFIX`.
 */
export class RedisIoAdapter extends IoAdapter {
  constructor(app: INestApplicationContext, private readonly redis: RedisConnections) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, options);
    server.adapter(createAdapter(this.redis.connect('socket.io-pub'), this.redis.connect('socket.io-sub'), { key: this.redis.key('socket.io') }));
    return server;
  }
}
