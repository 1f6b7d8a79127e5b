import { Module } from '@nestjs/common';
import { SlaClock } from '@app/sla';
import { ChannelStateReporter } from './channel-state-reporter';
import { ChannelSupervisor } from './channel-supervisor';
import { OutboxRelay } from './outbox-relay';
import { ReminderTimer } from './reminder-timer';
import { SnoozeWaker } from './snooze-waker';
import { SlaClockHolder } from './sla-clock-holder';

/** Live channel connections (and the reports of their state), the outbox relay and the SLA clock, each under its lease in a cluster; snooze and reminder timers. */
@Module({ providers: [ChannelSupervisor, ChannelStateReporter, OutboxRelay, SlaClock, SlaClockHolder, SnoozeWaker, ReminderTimer], exports: [OutboxRelay, SlaClock] })
export class WorkerModule {}
