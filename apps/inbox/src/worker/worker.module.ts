import { Module } from '@nestjs/common';
import { ChannelSupervisor } from './channel-supervisor';
import { OutboxRelay } from './outbox-relay';

/** Live channel connections and the outbox relay (and, with the SLA issue, the SLA clock). */
@Module({ providers: [ChannelSupervisor, OutboxRelay], exports: [OutboxRelay] })
export class WorkerModule {}
