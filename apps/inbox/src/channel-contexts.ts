import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ChannelAdapter, ChannelContext, ChannelTypeCatalog } from '@app/channels';
import { ChannelCursors, ConversationQueries, InboundQuarantine, IngestService, OutboxService } from '@app/conversations';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { APP_CONFIG, AppConfig, ChannelConfig } from '@app/platform/config';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { join } from 'node:path';

/** The lease that makes a process the one holder of a channel's connection and its sends. */
export const channelLeaseName = (channelId: string) => `channel:${channelId}`;

/**
 * Builds channel adapters and the context that joins them to the conversation model (ingest, receipts,
 * cursors, files): the worker's live connections and the API's webhook receivers are wired the same way.
 */
@Injectable()
export class ChannelContexts {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channelTypes: ChannelTypeCatalog,
    private readonly moduleRef: ModuleRef,
    private readonly ingest: IngestService,
    private readonly quarantine: InboundQuarantine,
    private readonly outbox: OutboxService,
    private readonly queries: ConversationQueries,
    private readonly cursors: ChannelCursors,
    private readonly attachments: AttachmentStore,
    private readonly metrics: MetricsService,
  ) {}

  /** A new adapter for the channel; throws with the reason when its type is unknown or its settings are refused. */
  build(channel: ChannelConfig): ChannelAdapter {
    const definition = this.channelTypes.get(channel.type);
    if (!definition) throw new Error(`no adapter for channel type ${channel.type} in this build`);
    return definition.create(channel, { get: (token) => this.moduleRef.get(token, { strict: false }) });
  }

  contextFor(channel: ChannelConfig): ChannelContext {
    return {
      dataDir: join(this.config.dataDir, 'channels', channel.id),
      maxAttachmentBytes: this.config.attachments.maxBytes,
      publicUrl: this.config.publicUrl,
      inbound: async (message) => {
        const result = await this.quarantine.receive({ ...message, channelId: channel.id });
        if (!result.quarantined) (result.duplicate ? this.metrics.duplicateMessages : this.metrics.inboundMessages).inc({ channel: channel.id });
        return result;
      },
      quarantine: async (item, reason) => {
        await this.quarantine.quarantineRaw(channel.id, item, reason);
      },
      edits: async (externalId, text, editedAt) => {
        await this.ingest.applyEdit(channel.id, externalId, text, editedAt);
      },
      receipts: async (externalId, status, error) => {
        await this.outbox.applyReceipt(channel.id, externalId, status, error);
      },
      cursors: {
        get: (key) => this.cursors.get(channel.id, key),
        set: (key, value) => this.cursors.set(channel.id, key, value),
      },
      lastInboundAt: (senderExternalId) => this.queries.lastInboundAt(channel.id, senderExternalId),
      rememberProgress: (messageId, progress) => this.outbox.rememberProgress(messageId, progress),
      saveAttachment: (data) => this.attachments.save(data),
    };
  }
}

@Global()
@Module({ providers: [ChannelContexts], exports: [ChannelContexts] })
export class ChannelContextsModule {}
