import { Module } from '@nestjs/common';
import { SlaClock } from '@app/sla';
import { ChannelSupervisor } from './channel-supervisor';
import { OutboxRelay } from './outbox-relay';
import { SlaClockHolder } from './sla-clock-holder';

/** Live channel connections, the outbox relay and the SLA clock, each under its lease in a cluster. */
@Module({ providers: [ChannelSupervisor, OutboxRelay, SlaClock, SlaClockHolder], exports: [OutboxRelay, SlaClock] })
export class WorkerModule {}
