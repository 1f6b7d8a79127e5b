import { Global, Module } from '@nestjs/common';
import { AttentionFollowUp } from './attention-follow-up';
import { AttentionQueries } from './attention.queries';
import { AttentionTimers } from './attention-timers';
import { ReminderChanges } from './reminder-changes';
import { NotesHook } from './notes.hook';

/** Snooze wake-ups, reminders and mentions: recorded with the note, scheduled after the commit (every role). */
@Global()
@Module({ providers: [AttentionTimers, AttentionFollowUp, AttentionQueries, NotesHook, ReminderChanges], exports: [AttentionTimers, AttentionQueries, ReminderChanges] })
export class AttentionModule {}
