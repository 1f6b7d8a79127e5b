import { ChoiceLinksController } from './choice-links.controller';
import { CsatController } from './csat.controller';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { APP_CONFIG } from '@app/platform/config';
import { AgentsController } from './agents.controller';
import { AttachmentsController, uploadOptions } from './attachments.controller';
import { AttentionController } from './attention.controller';
import { AuthGuard } from './auth.guard';
import { BoardController } from './board.controller';
import { CannedRepliesController } from './canned-replies.controller';
import { BulkActions } from './bulk-actions';
import { BulkController } from './bulk.controller';
import { BotReportsController } from './bot-reports.controller';
import { ChannelsController } from './channels.controller';
import { ContactsController } from './contacts.controller';
import { ConversationsController } from './conversations.controller';
import { DomainErrorsFilter } from './domain-errors.filter';
import { HelpCenterController } from './help-center.controller';
import { KnowledgeController } from './knowledge.controller';
import { LabelsController } from './labels.controller';
import { MessagesController } from './messages.controller';
import { MetricsController } from './metrics.controller';
import { PoliciesController } from './policies.controller';
import { QuarantineController } from './quarantine.controller';
import { FailedSignInsFilter, PublicThrottlerGuard } from './rate-limits';
import { ReportsController } from './reports.controller';
import { SessionController } from './session.controller';
import { TokensController } from './tokens.controller';
import { RoutingController } from './routing.controller';
import { TeamsController } from './teams.controller';
import { UploadSweeper } from './upload-sweeper';
import { ChannelStates } from './channel-states';
import { WebhookReceivers } from './webhook-receivers';
import { LEAD_TOOLS_CONTROLLERS, LEAD_TOOLS_PROVIDERS } from './lead-tools';
import { WebchatModule } from '../webchat/webchat.module';

/** The HTTP face: inbox API, web chat, webhooks and metrics. */
@Module({
  // Rate limits guard the public endpoints (web chat) and failed sign-ins; agents' API calls with a valid token are not limited.
  imports: [MulterModule.registerAsync({ inject: [AttachmentStore, APP_CONFIG], useFactory: uploadOptions }), WebchatModule],
  controllers: [
    AgentsController, AttachmentsController, BoardController, ChannelsController, ContactsController, ConversationsController,
    MessagesController, MetricsController, PoliciesController, QuarantineController, ReportsController,
    KnowledgeController, HelpCenterController, ...LEAD_TOOLS_CONTROLLERS,
    CannedRepliesController, LabelsController,
    AttentionController, BulkController,
    SessionController, TokensController,
    TeamsController, RoutingController,
    BotReportsController,
    CsatController, ChoiceLinksController,
  ],
  providers: [
    ChannelStates,
    WebhookReceivers,
    BulkActions,
    PublicThrottlerGuard,
    UploadSweeper,
    ...LEAD_TOOLS_PROVIDERS,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: DomainErrorsFilter },
    { provide: APP_FILTER, useClass: FailedSignInsFilter },
  ],
})
export class ApiModule {}
