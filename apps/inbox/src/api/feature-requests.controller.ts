import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Principal, Roles } from '@app/agents';
import { InvalidRequestError } from '@app/conversations';
import { FEATURE_REQUEST_CSV_COLUMNS, FeatureRequests, toCsv } from '@app/insights';
import { ChannelReplyCheck } from './channel-reply-check';
import { CurrentAgent } from './current-agent.decorator';
import { FeatureRequestListQuery, RecordFeatureRequestDto, ShipFeatureRequestDto } from './dto/lead-tools.dto';

/** Feature requests: agents record them from conversations and see the list; ops ship them. */
@ApiTags('feature-requests')
@ApiBearerAuth()
@Controller('api/feature-requests')
export class FeatureRequestsController {
  constructor(private readonly requests: FeatureRequests, private readonly replyCheck: ChannelReplyCheck) {}

  @Get()
  @ApiOperation({ summary: 'Requests, most customers first; q= suggests existing ones as the agent types; format=csv for the product team' })
  async list(@Query() query: FeatureRequestListQuery, @Res({ passthrough: true }) res: Response) {
    if (query.format !== 'csv') return { items: await this.requests.list(query.q) };
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="feature-requests.csv"');
    return toCsv(await this.requests.csvRows(), [...FEATURE_REQUEST_CSV_COLUMNS]);
  }

  @Post()
  @ApiOperation({ summary: 'Records that the conversation\'s customer asked for a request (an existing one by id, or by title), with the workaround given' })
  record(@Body() dto: RecordFeatureRequestDto, @CurrentAgent() me: Principal) {
    if (dto.featureRequestId === undefined && !dto.title?.trim()) throw new InvalidRequestError('title', 'give a title or a featureRequestId');
    return this.requests.record(dto, me.agentId);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.requests.get(id);
  }

  @Post(':id/ship')
  @Roles('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks it shipped and tells each customer who asked, once, in the conversation where they asked, through its channel' })
  ship(@Param('id', ParseIntPipe) id: number, @Body() dto: ShipFeatureRequestDto, @CurrentAgent() me: Principal) {
    return this.requests.ship(id, dto.message.trim(), me.agentId, this.replyCheck.check);
  }
}
