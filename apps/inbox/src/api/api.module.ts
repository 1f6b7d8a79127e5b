import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { RedisConnections } from '@app/platform/redis/redis-connections';
import { AgentsController } from './agents.controller';
import { AttachmentsController } from './attachments.controller';
import { AuthGuard } from './auth.guard';
import { BoardController } from './board.controller';
import { ChannelsController } from './channels.controller';
import { ContactsController } from './contacts.controller';
import { ConversationsController } from './conversations.controller';
import { DomainErrorsFilter } from './domain-errors.filter';
import { MessagesController } from './messages.controller';
import { MetricsController } from './metrics.controller';
import { PoliciesController } from './policies.controller';
import { QuarantineController } from './quarantine.controller';
import { ReportsController } from './reports.controller';
import { WebchatController } from './webchat.controller';
import { WebhookReceivers } from './webhook-receivers';

/** The HTTP face: inbox API, web chat, webhooks and metrics. */
@Module({
  // Rate limits guard the public endpoints (web chat); agents' API calls carry a token and are not limited.
  // In a cluster the counts live in Redis (under REDIS_PREFIX), so a visitor's limit holds across API processes.
  imports: [ThrottlerModule.forRootAsync({
    inject: [RedisConnections],
    useFactory: (redis: RedisConnections) => ({
      throttlers: [{ name: 'default', ttl: 60_000, limit: 600 }],
      storage: redis.enabled ? new ThrottlerStorageRedisService(redis.connect('throttler', { keyPrefix: redis.key('throttle:') })) : undefined,
    }),
  })],
  controllers: [
    AgentsController, AttachmentsController, BoardController, ChannelsController, ContactsController, ConversationsController,
    MessagesController, MetricsController, PoliciesController, QuarantineController, ReportsController, WebchatController,
  ],
  providers: [
    WebhookReceivers,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: DomainErrorsFilter },
  ],
})
export class ApiModule {}
