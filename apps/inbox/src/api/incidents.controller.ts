import { createHash } from 'node:crypto';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/agents';
import { InvalidRequestError, NotFoundError } from '@app/conversations';
import { Incidents } from '@app/insights';
import { ChannelReplyCheck } from './channel-reply-check';
import { CurrentAgent } from './current-agent.decorator';
import { CreateIncidentDto, IncidentListQuery, IncidentUpdateDto, LinkConversationsDto, ResolveIncidentDto } from './dto/lead-tools.dto';

const KEY = /^[\w.:-]{1,100}$/;

/** Incidents: every agent sees them (the inbox's banner and badges) and links conversations; ops create, update and resolve them. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: Incidents, private readonly replyCheck: ChannelReplyCheck) {}

  @Get()
  @ApiOperation({ summary: 'Incidents, newest first, with their linked conversations (status=open for the inbox banner)' })
  async list(@Query() query: IncidentListQuery) {
    return { items: await this.incidents.list(query.status) };
  }

  @Post()
  @Roles('ops')
  create(@Body() dto: CreateIncidentDto, @CurrentAgent() me: Principal) {
    return this.incidents.create({ title: dto.title.trim(), description: dto.description?.trim() ?? '' }, me.agentId);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.incidents.get(id);
  }

  @Post(':id/conversations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Links conversations of any channel (one from its page, or a bulk selection)' })
  link(@Param('id', ParseIntPipe) id: number, @Body() dto: LinkConversationsDto, @CurrentAgent() me: Principal) {
    return this.incidents.link(id, dto.conversationIds, me.agentId);
  }

  @Delete(':id/conversations/:conversationId')
  @Roles('ops')
  unlink(@Param('id', ParseIntPipe) id: number, @Param('conversationId', ParseIntPipe) conversationId: number) {
    return this.incidents.unlink(id, conversationId);
  }

  @Get(':id/suggestions')
  @ApiOperation({ summary: 'Open conversations not linked yet whose customers wrote the incident\'s words since it began' })
  async suggestions(@Param('id', ParseIntPipe) id: number) {
    return { items: await this.incidents.suggestions(id) };
  }

  @Post(':id/updates')
  @Roles('ops')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Names the update; default: the body\'s hash (the same text twice is one update)' })
  @ApiOperation({ summary: 'Sends the update to every linked conversation through its channel, once each; lists who could not be reached and why' })
  postUpdate(@Param('id', ParseIntPipe) id: number, @Body() dto: IncidentUpdateDto, @Headers('idempotency-key') header: string | undefined, @CurrentAgent() me: Principal) {
    if (header !== undefined && !KEY.test(header)) throw new InvalidRequestError('Idempotency-Key', 'must be 1–100 letters, digits, or . : _ -');
    const key = dto.key ?? header ?? `body:${createHash('sha256').update(dto.body).digest('hex').slice(0, 40)}`;
    return this.incidents.postUpdate(id, dto.body, key, me.agentId, this.replyCheck.check);
  }

  @Get(':id/updates/:updateId')
  @ApiOperation({ summary: 'One update with each conversation\'s delivery as it is now (failures in the outbox appear here)' })
  async update(@Param('id', ParseIntPipe) id: number, @Param('updateId', ParseIntPipe) updateId: number) {
    const incident = await this.incidents.get(id);
    const update = incident.updates.find((u) => u.id === updateId);
    if (!update) throw new NotFoundError(`update of incident ${id}`, updateId);
    return update;
  }

  @Post(':id/resolve')
  @Roles('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolves the incident; with a message, tells every linked conversation; optionally resolves them' })
  resolve(@Param('id', ParseIntPipe) id: number, @Body() dto: ResolveIncidentDto, @CurrentAgent() me: Principal) {
    return this.incidents.resolve(id, { message: dto.message?.trim() || undefined, resolveConversations: dto.resolveConversations ?? false }, me.agentId, this.replyCheck.check);
  }
}
