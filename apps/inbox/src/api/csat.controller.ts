import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Principal } from '@app/agents';
import { Conversation } from '@app/conversations';
import { CsatReports } from '@app/insights';
import { Clock } from '@app/platform/clock/clock';
import { DataSource } from 'typeorm';
import { CurrentAgent } from './current-agent.decorator';
import { MAX_REPORT_DAYS, reportAgentScope, reportPeriod } from './report-scope';
import { SlaReportQuery } from './reports.controller';

export class CsatReportQuery extends SlaReportQuery {
  @ApiPropertyOptional({ description: 'One team id (the team holding the conversation when it was resolved)' })
  @IsOptional() @IsString() @MaxLength(64)
  team?: string;

  @ApiPropertyOptional({ description: 'One agent id (agents always get their own figures)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'agent must be an agent id' }) @Min(1, { message: 'agent must be an agent id' })
  agent?: number;
}

/** Satisfaction surveys: the CSAT report, and one conversation's rating for its view. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
export class CsatController {
  constructor(private readonly csat: CsatReports, private readonly clock: Clock, private readonly db: DataSource) {}

  @Get('reports/csat')
  @ApiOperation({ summary: 'CSAT: the score (share of 🤩 and 😀), the distribution of the five faces and the comments, credited to the agent and team at the resolve; agents get their own figures only' })
  report(@Query() query: CsatReportQuery, @CurrentAgent() principal: Principal) {
    const { from, to } = reportPeriod(query, this.clock.now(), 30, MAX_REPORT_DAYS);
    return this.csat.report({ from, to, channelId: query.channel, teamId: query.team, agentId: reportAgentScope(principal, query.agent) });
  }

  @Get('conversations/:id/csat')
  @ApiOperation({ summary: "The conversation's satisfaction survey: scheduled, sent, answered (rating 5 🤩 … 1 😠, comment), skipped (with the reason) or cancelled; null when none" })
  async ofConversation(@Param('id', ParseIntPipe) id: number) {
    if (!(await this.db.getRepository(Conversation).existsBy({ id }))) throw new NotFoundException(`no conversation ${id}`);
    return { survey: await this.csat.ofConversation(id) };
  }
}
