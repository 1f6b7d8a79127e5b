import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '@app/agents';
import { BotReports } from '@app/insights';
import { KnowledgeReports } from '@app/knowledge';
import { Clock } from '@app/platform/clock/clock';
import { reportPeriod, ReportPeriodQuery } from './report-scope';
import { SlaReportQuery } from './reports.controller';

export class KnowledgeReportQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Rows of each list' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' }) @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;
}

/** The bot's and the knowledge base's reports: what the bot closed and handed over, which articles agents use, what nobody found. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class BotReportsController {
  constructor(private readonly bots: BotReports, private readonly knowledge: KnowledgeReports, private readonly clock: Clock) {}

  @Get('bot')
  @ApiOperation({ summary: 'Conversations the bot met, the share it closed, its handovers and why (word, button, no_match, limit…): in total and per channel' })
  bot(@Query() query: SlaReportQuery) {
    const { from, to } = reportPeriod(query, this.justNow(), 7);
    return this.bots.report(from, to, query.channel);
  }

  @Get('knowledge')
  @Roles('ops')
  @ApiOperation({ summary: 'The articles agents put into replies most, and the searches that found nothing (agents, help center, bot): what to write next' })
  async knowledgeBase(@Query() query: KnowledgeReportQuery) {
    const { from, to } = reportPeriod(query, this.justNow(), 30);
    const limit = query.limit ?? 20;
    const [mostUsedArticles, missedSearches] = await Promise.all([this.knowledge.mostUsed(from, to, limit), this.knowledge.missedSearches(from, to, limit)]);
    return { from: from.toISOString(), to: to.toISOString(), mostUsedArticles, missedSearches };
  }

  /** A millisecond past now: a report's end is exclusive, and what happened this very moment counts. */
  private justNow(): Date {
    return new Date(this.clock.now().getTime() + 1);
  }
}
