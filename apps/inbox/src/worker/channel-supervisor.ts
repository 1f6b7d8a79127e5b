import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ChannelAdapter, ChannelContext, ChannelRegistry, ChannelTypeCatalog } from '@app/channels';
import { ChannelCursors, IngestService, OutboxService } from '@app/conversations';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { APP_CONFIG, AppConfig, ChannelConfig } from '@app/platform/config';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { join } from 'node:path';

/**
 * Owns this process's live channel connections: builds each enabled channel's adapter, joins its inbound
 * messages to the ingest use case and its receipts to the outbox, and stops them on shutdown.
 */
@Injectable()
export class ChannelSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChannelSupervisor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channelTypes: ChannelTypeCatalog,
    private readonly moduleRef: ModuleRef,
    private readonly registry: ChannelRegistry,
    private readonly ingest: IngestService,
    private readonly outbox: OutboxService,
    private readonly cursors: ChannelCursors,
    private readonly attachments: AttachmentStore,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.config.channels.filter((c) => c.enabled).map((c) => this.startChannel(c)));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.registry.all().map((adapter) => adapter.stop().catch((err) => {
      this.logger.warn(`channel ${adapter.channelId} did not stop cleanly: ${err.message}`);
    })));
    this.registry.clear();
  }

  private async startChannel(channel: ChannelConfig): Promise<void> {
    const definition = this.channelTypes.get(channel.type);
    if (!definition) {
      this.registry.recordFailure(channel.id, `no adapter for channel type ${channel.type} in this build`);
      return;
    }
    let adapter: ChannelAdapter;
    try {
      adapter = definition.create(channel, { get: (token) => this.moduleRef.get(token, { strict: false }) });
    } catch (err) {
      this.registry.recordFailure(channel.id, (err as Error).message);
      return;
    }
    this.registry.register(adapter);
    try {
      // An adapter keeps reconnecting by itself; a failure here is shown as the channel's state, and the rest runs on.
      await adapter.start(this.contextFor(channel));
    } catch (err) {
      this.logger.error(`channel ${channel.id} (${channel.type}) failed to start: ${(err as Error).message}`);
    }
  }

  private contextFor(channel: ChannelConfig): ChannelContext {
    return {
      dataDir: join(this.config.dataDir, 'channels', channel.id),
      maxAttachmentBytes: this.config.attachments.maxBytes,
      publicUrl: this.config.publicUrl,
      inbound: async (message) => {
        const result = await this.ingest.ingest({ ...message, channelId: channel.id });
        (result.duplicate ? this.metrics.duplicateMessages : this.metrics.inboundMessages).inc({ channel: channel.id });
        return result;
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
      saveAttachment: (data) => this.attachments.save(data),
    };
  }
}
