import { DynamicModule, Module } from '@nestjs/common';
import { AGENT_ENTITIES, AgentsModule } from '@app/agents';
import { ChannelsModule } from '@app/channels';
import { InsightsModule, LEAD_TOOLS_ENTITIES, ReportingEvent } from '@app/insights';
import { CannedReply, Channel, ChannelCursor, Contact, ContactIdentity, Conversation, ConversationLabel, ConversationsModule, Label, Message, OutboxEntry, QuarantinedInbound } from '@app/conversations';
import { KbArticle, KbArticleRevision, KbArticleUse, KbSearchMiss, KnowledgeModule } from '@app/knowledge';
import { AppConfig } from '@app/platform/config';
import { PlatformModule } from '@app/platform/platform.module';
import { RoutingModule, RoutingMove, Team, TeamMember } from '@app/routing';
import { PolicyChange, SlaEventRecord, SlaModule } from '@app/sla';
import { ApiModule } from './api/api.module';
import { AttentionModule } from './attention/attention.module';
import { HealthController } from './api/health.controller';
import { RealtimeGateway } from './api/realtime.gateway';
import { WebchatVisitors } from './webchat/webchat-visitors.service';
import { SecurityModule } from './api/security.module';
import { TypingRelay } from './api/typing-relay';
import { ChannelContextsModule } from './channel-contexts';
import { ChannelStateModule } from './channel-state/channel-state-board';
import { BootService } from './boot.service';
import { WorkerModule } from './worker/worker.module';

export const ENTITIES = [...AGENT_ENTITIES, Channel, ChannelCursor, Contact, ContactIdentity, Conversation, Message, OutboxEntry, PolicyChange, QuarantinedInbound, ReportingEvent, SlaEventRecord,
  KbArticle, KbArticleRevision, KbArticleUse, KbSearchMiss, ...LEAD_TOOLS_ENTITIES,
  CannedReply, Label, ConversationLabel, Team, TeamMember, RoutingMove];

/** The server; INBOX_ROLE picks the API role, the worker role, or both in one process (the default). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, ENTITIES),
        AgentsModule,
        ConversationsModule,
        ChannelsModule,
        SlaModule,
        InsightsModule,
        ChannelContextsModule,
        ChannelStateModule,
        SecurityModule,
        KnowledgeModule,
        AttentionModule,
        RoutingModule,
        ...(config.role !== 'worker' ? [ApiModule] : []),
        ...(config.role !== 'api' ? [WorkerModule] : []),
      ],
      // Every role serves /health on its PORT and pushes its own events to the agents' screens.
      controllers: [HealthController],
      providers: [BootService, RealtimeGateway, TypingRelay, WebchatVisitors],
    };
  }
}
