import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AgentsController } from './agents.controller';
import { AttachmentsController } from './attachments.controller';
import { AuthGuard } from './auth.guard';
import { BoardController } from './board.controller';
import { ChannelsController } from './channels.controller';
import { ContactsController } from './contacts.controller';
import { ConversationsController } from './conversations.controller';
import { DomainErrorsFilter } from './domain-errors.filter';
import { HealthController } from './health.controller';
import { HelpCenterController } from './help-center.controller';
import { KnowledgeController } from './knowledge.controller';
import { MessagesController } from './messages.controller';
import { MetricsController } from './metrics.controller';
import { PoliciesController } from './policies.controller';
import { RealtimeGateway } from './realtime.gateway';
import { QuarantineController } from './quarantine.controller';
import { ReportsController } from './reports.controller';
import { WebchatController } from './webchat.controller';

/** The HTTP and websocket face: inbox API, web chat, webhooks, health and metrics. */
@Module({
  // Rate limits guard the public endpoints (web chat); agents' API calls carry a token and are not limited.
  imports: [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 600 }])],
  controllers: [
    AgentsController, AttachmentsController, BoardController, ChannelsController, ContactsController, ConversationsController, HealthController,
    MessagesController, MetricsController, PoliciesController, QuarantineController, ReportsController, WebchatController,
    KnowledgeController, HelpCenterController,
  ],
  providers: [
    RealtimeGateway,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: DomainErrorsFilter },
  ],
  exports: [RealtimeGateway],
})
export class ApiModule {}
