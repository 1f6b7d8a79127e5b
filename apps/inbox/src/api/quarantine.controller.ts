import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/agents';
import { InboundQuarantine, QuarantinedInbound } from '@app/conversations';
import { ListQuarantineQuery } from './dto/quarantine.dto';

const view = (q: QuarantinedInbound) => ({
  id: q.id,
  channelId: q.channelId,
  externalId: q.externalId,
  status: q.status,
  attempts: q.attempts,
  error: q.error,
  rawFormat: q.rawFormat,
  raw: q.raw,
  messageId: q.messageId,
  createdAt: q.createdAt.toISOString(),
  updatedAt: q.updatedAt.toISOString(),
  quarantinedAt: q.quarantinedAt?.toISOString() ?? null,
});

/** Inbound items that could not be stored, set aside so their channel moved on: for ops to retry or discard. */
@ApiTags('quarantine')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: InboundQuarantine) {}

  @Get()
  @ApiOperation({ summary: 'Inbound items set aside (newest first): channel, id, attempts, last error and the raw item' })
  async list(@Query() query: ListQuarantineQuery) {
    return { items: (await this.quarantine.list(query.status, query.channel)).map(view) };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Store a quarantined message again (after its cause was fixed); 409 with the reason when it still fails' })
  async retry(@Param('id', ParseIntPipe) id: number) {
    return view(await this.quarantine.retry(id));
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Drop a quarantined item for good (its content is removed; a redelivery of it is not stored)' })
  async discard(@Param('id', ParseIntPipe) id: number) {
    return view(await this.quarantine.discard(id));
  }
}
