import { Module } from '@nestjs/common';
import { SlaClock } from '@app/sla';
import { ChannelSupervisor } from './channel-supervisor';
import { OutboxRelay } from './outbox-relay';

/** Live channel connections, the outbox relay and the SLA clock. */
@Module({ providers: [ChannelSupervisor, OutboxRelay, SlaClock], exports: [OutboxRelay, SlaClock] })
export class WorkerModule {}
