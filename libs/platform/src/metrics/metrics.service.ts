import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of this process; a registry of its own so several apps in one test do not collide. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly inboundMessages = new Counter({
    name: 'inbox_inbound_messages_total', help: 'Inbound messages stored, by channel', labelNames: ['channel'], registers: [this.registry],
  });
  readonly duplicateMessages = new Counter({
    name: 'inbox_duplicate_messages_total', help: 'Inbound messages dropped as duplicates, by channel', labelNames: ['channel'], registers: [this.registry],
  });
  readonly outboundSends = new Counter({
    name: 'inbox_outbound_sends_total', help: 'Outbox send attempts, by channel and result (sent, retry, failed)',
    labelNames: ['channel', 'result'], registers: [this.registry],
  });
  readonly sendDuration = new Histogram({
    name: 'inbox_send_duration_seconds', help: 'Time a channel adapter took to send one message', labelNames: ['channel'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers: [this.registry],
  });
  readonly channelUp = new Gauge({
    name: 'inbox_channel_ready', help: '1 when the channel connection is ready', labelNames: ['channel'], registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
