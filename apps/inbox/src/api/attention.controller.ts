import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@app/agents';
import { ConversationActions, ConversationQueries } from '@app/conversations';
import { AttentionQueries } from '../attention/attention.queries';
import { ReminderChanges } from '../attention/reminder-changes';
import { CurrentAgent } from './current-agent.decorator';
import { RemindersQuery, RescheduleReminderDto } from './dto/attention.dto';

/** What waits for the signed-in agent: reminders on notes (listed, cancelled, moved), mentions, and marking a conversation read. */
@ApiTags('attention')
@ApiBearerAuth()
@Controller('api')
export class AttentionController {
  constructor(
    private readonly queries: AttentionQueries,
    private readonly reminderChanges: ReminderChanges,
    private readonly conversations: ConversationQueries,
    private readonly actions: ConversationActions,
  ) {}

  @Get('reminders')
  @ApiOperation({ summary: "The caller's reminders on notes (upcoming soonest first, fired latest first)" })
  async reminders(@Query() query: RemindersQuery, @CurrentAgent() me: Principal) {
    return { items: await this.queries.reminders(me.agentId, query.state ?? 'all') };
  }

  @Get('conversations/:id/reminders')
  @ApiOperation({ summary: "The caller's reminders on this conversation that have not fired yet, soonest first" })
  async remindersOn(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal) {
    await this.conversations.get(id); // 404 for a conversation that does not exist
    return { items: await this.queries.pendingOn(id, me.agentId) };
  }

  @Delete('reminders/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancels a reminder that has not fired (the agent it reminds, or ops): it never fires' })
  async cancelReminder(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal): Promise<void> {
    await this.reminderChanges.cancel(id, me);
  }

  @Patch('reminders/:id')
  @ApiOperation({ summary: 'Moves a reminder that has not fired to another moment (the agent it reminds, or ops)' })
  rescheduleReminder(@Param('id', ParseIntPipe) id: number, @Body() dto: RescheduleReminderDto, @CurrentAgent() me: Principal) {
    return this.reminderChanges.reschedule(id, new Date(dto.remindAt), me);
  }

  @Get('mentions')
  @ApiOperation({ summary: 'Notes that mention the caller with @name, newest first' })
  async mentions(@CurrentAgent() me: Principal) {
    return { items: await this.queries.mentions(me.agentId) };
  }

  @Post('conversations/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: "The assignee opened the conversation: its unread count goes to 0 (others' reads change nothing)" })
  async read(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal) {
    return { cleared: await this.actions.markRead(id, me.agentId) };
  }
}
