import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@app/agents';
import { ConversationActions } from '@app/conversations';
import { AttentionQueries } from '../attention/attention.queries';
import { CurrentAgent } from './current-agent.decorator';
import { RemindersQuery } from './dto/attention.dto';

/** What waits for the signed-in agent: reminders on notes, mentions, and marking a conversation read. */
@ApiTags('attention')
@ApiBearerAuth()
@Controller('api')
export class AttentionController {
  constructor(private readonly queries: AttentionQueries, private readonly actions: ConversationActions) {}

  @Get('reminders')
  @ApiOperation({ summary: "The caller's reminders on notes (upcoming soonest first, fired latest first)" })
  async reminders(@Query() query: RemindersQuery, @CurrentAgent() me: Principal) {
    return { items: await this.queries.reminders(me.agentId, query.state ?? 'all') };
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
