import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { APP_CONFIG } from '@app/platform/config';
import { AgentsController } from './agents.controller';
import { AttachmentsController, uploadOptions } from './attachments.controller';
import { AuthGuard } from './auth.guard';
import { BoardController } from './board.controller';
import { ChannelsController } from './channels.controller';
import { ContactsController } from './contacts.controller';
import { ConversationsController } from './conversations.controller';
import { DomainErrorsFilter } from './domain-errors.filter';
import { HelpCenterController } from './help-center.controller';
import { KnowledgeController } from './knowledge.controller';
import { MessagesController } from './messages.controller';
import { MetricsController } from './metrics.controller';
import { PoliciesController } from './policies.controller';
import { QuarantineController } from './quarantine.controller';
import { FailedSignInsFilter, PublicThrottlerGuard } from './rate-limits';
import { ReportsController } from './reports.controller';
import { UploadSweeper } from './upload-sweeper';
import { WebhookReceivers } from './webhook-receivers';
import { WebchatModule } from '../webchat/webchat.module';

/** The HTTP face: inbox API, web chat, webhooks and metrics. */
@Module({
  // Rate limits guard the public endpoints (web chat) and failed sign-ins; agents' API calls with a valid token are not limited.
  imports: [MulterModule.registerAsync({ inject: [AttachmentStore, APP_CONFIG], useFactory: uploadOptions }), WebchatModule],
  controllers: [
    AgentsController, AttachmentsController, BoardController, ChannelsController, ContactsController, ConversationsController,
    MessagesController, MetricsController, PoliciesController, QuarantineController, ReportsController,
    KnowledgeController, HelpCenterController,
  ],
  providers: [
    WebhookReceivers,
    PublicThrottlerGuard,
    UploadSweeper,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: DomainErrorsFilter },
    { provide: APP_FILTER, useClass: FailedSignInsFilter },
  ],
})
export class ApiModule {}
