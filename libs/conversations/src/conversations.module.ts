import { Global, Module } from '@nestjs/common';
import { AttentionHook } from './attention.hook';
import { BoardQueries } from './board.queries';
import { ChannelCursors } from './channel-cursors.service';
import { ConversationActions } from './conversation-actions.service';
import { ConversationHooks } from './conversation-hooks';
import { ConversationQueries } from './conversation-queries.service';
import { DomainEvents } from './domain-events';
import { InboundQuarantine } from './inbound-quarantine.service';
import { IngestService } from './ingest.service';
import { LabelsService } from './labels/labels.service';
import { CannedRepliesService, CannedReplyRenderer } from './canned-replies';
import { OutboxService } from './outbox.service';
import { ReplyService } from './reply.service';

const services = [AttentionHook, BoardQueries, ChannelCursors, ConversationActions, ConversationHooks, ConversationQueries, DomainEvents, InboundQuarantine, IngestService, OutboxService, ReplyService, LabelsService, CannedRepliesService, CannedReplyRenderer];

/** The conversation model's use cases; needs the platform's database and clock from the app. */
@Global()
@Module({ providers: services, exports: services })
export class ConversationsModule {}
