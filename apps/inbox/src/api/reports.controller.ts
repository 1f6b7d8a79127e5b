import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { Principal } from '@app/agents';
import { InvalidRequestError } from '@app/conversations';
import { GROUP_BYS, GroupBy, OVERVIEW_TABLES, OverviewReports, overviewColumns, OverviewTable, toCsv } from '@app/insights';
import { Clock } from '@app/platform/clock/clock';
import { SlaReports } from '@app/sla';
import { isValidTimeZone } from '@app/sla/zoned-time';
import { CurrentAgent } from './current-agent.decorator';
import { MAX_REPORT_DAYS, reportAgentScope, reportPeriod, ReportPeriodQuery } from './report-scope';

export class SlaReportQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ description: 'One channel id' })
  @IsOptional() @IsString() @MaxLength(64)
  channel?: string;
}

export class OverviewReportQuery extends SlaReportQuery {
  @ApiPropertyOptional({ description: 'One agent id (agents always get their own figures)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'agent must be an agent id' }) @Min(1, { message: 'agent must be an agent id' })
  agent?: number;

  @ApiPropertyOptional({ enum: GROUP_BYS, description: 'Bucket of the series; default day' })
  @IsOptional() @IsIn(GROUP_BYS, { message: `groupBy must be one of ${GROUP_BYS.join(', ')}` })
  groupBy?: GroupBy;

  @ApiPropertyOptional({ description: 'IANA time zone of the buckets and the hour-of-week load; default the policies\' zone, else UTC' })
  @IsOptional() @IsString() @MaxLength(64)
  tz?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'json (every table) or csv (one table); default json' })
  @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ enum: OVERVIEW_TABLES, description: 'The table a CSV export holds; default total' })
  @IsOptional() @IsIn(OVERVIEW_TABLES, { message: `table must be one of ${OVERVIEW_TABLES.join(', ')}` })
  table?: OverviewTable;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: SlaReports, private readonly overviews: OverviewReports, private readonly clock: Clock) {}

  @Get('sla')
  @ApiOperation({ summary: 'First-response time (median, p90), targets met, breaches: per channel and per agent' })
  sla(@Query() query: SlaReportQuery) {
    const { from, to } = reportPeriod(query, this.clock.now(), 7);
    return this.reports.report(from, to, query.channel);
  }

  @Get('overview')
  @ApiOperation({
    summary: 'Opened and resolved, first response and resolution (median, p90; calendar and business hours), messages and length per dialogue, '
      + 'SLA met %: in total, per channel, per agent, per bucket of time; the load by hour of the week. Agents get their own figures only.',
  })
  async overview(@Query() query: OverviewReportQuery, @CurrentAgent() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const { from, to } = reportPeriod(query, this.clock.now(), 7, MAX_REPORT_DAYS);
    const timeZone = query.tz ?? this.overviews.defaultTimeZone();
    if (!isValidTimeZone(timeZone)) throw new InvalidRequestError('tz', `unknown time zone ${JSON.stringify(timeZone)}`);
    const groupBy = query.groupBy ?? 'day';
    let report;
    try {
      report = await this.overviews.overview({ from, to, timeZone, groupBy, channelId: query.channel, agentId: reportAgentScope(principal, query.agent) });
    } catch (err) {
      if (err instanceof RangeError) throw new InvalidRequestError('groupBy', `${err.message}: choose a wider groupBy or a shorter period`);
      throw err;
    }
    if (query.format !== 'csv') return report;
    const table = query.table ?? 'total';
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="overview-${table}.csv"`);
    return toCsv(report[table] as unknown as Array<Record<string, unknown>>, overviewColumns(table));
  }

}
