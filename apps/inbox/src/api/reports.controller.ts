import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { InvalidRequestError } from '@app/conversations';
import { SlaReports } from '@app/sla';

export class SlaReportQuery {
  @ApiPropertyOptional({ description: 'Start (ISO 8601); default 7 days ago' })
  @IsOptional() @IsISO8601({}, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ description: 'End (ISO 8601); default now' })
  @IsOptional() @IsISO8601({}, { message: 'to must be an ISO 8601 date' })
  to?: string;

  @ApiPropertyOptional({ description: 'One channel id' })
  @IsOptional() @IsString() @MaxLength(64)
  channel?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: SlaReports) {}

  @Get('sla')
  @ApiOperation({ summary: 'First-response time (median, p90), targets met, breaches: per channel and per agent' })
  sla(@Query() query: SlaReportQuery) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from.getTime() > to.getTime()) throw new InvalidRequestError('from', 'must be before to');
    return this.reports.report(from, to, query.channel);
  }
}
