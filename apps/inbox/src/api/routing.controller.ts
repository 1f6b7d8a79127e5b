import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AgentsService, Principal, Roles } from '@app/agents';
import { Contact, ConversationQueries, InvalidRequestError, NotFoundError } from '@app/conversations';
import { AvailabilityService, EscalationService, RoutingQueries } from '@app/routing';
import { CurrentAgent } from './current-agent.decorator';
import { AvailabilityDto, ContactOwnerDto, EscalateDto } from './dto/routing.dto';

/** Availability and capacity, account owners, escalation and a conversation's routing (teams are in TeamsController). */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('api')
export class RoutingController {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly escalation: EscalationService,
    private readonly routing: RoutingQueries,
    private readonly conversations: ConversationQueries,
    private readonly agents: AgentsService,
    private readonly db: DataSource,
  ) {}

  @Get('me/availability')
  @ApiOperation({ summary: 'My availability and load: holding open conversations of capacity ("3 of 4")' })
  mine(@CurrentAgent() me: Principal) {
    return this.availability.get(me.agentId);
  }

  @Put('me/availability')
  @ApiOperation({ summary: 'online (takes new conversations), busy (keeps what it has, takes nothing new) or offline' })
  setMine(@CurrentAgent() me: Principal, @Body() dto: AvailabilityDto) {
    return this.availability.setAvailability(me.agentId, dto.availability);
  }

  @Patch('contacts/:id')
  @Roles('ops')
  @ApiOperation({ summary: "Set a contact's account owner: their new conversations go to the owner first" })
  async setOwner(@Param('id', ParseIntPipe) id: number, @Body() dto: ContactOwnerDto) {
    if (dto.ownerId !== null && !(await this.agents.exists(dto.ownerId))) throw new InvalidRequestError('ownerId', `no active agent with id ${dto.ownerId}`);
    const result = await this.db.getRepository(Contact).update({ id }, { ownerId: dto.ownerId });
    if (!result.affected) throw new NotFoundError('contact', id);
    return { id, ownerId: dto.ownerId };
  }

  @Post('conversations/:id/escalate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move to the next line (or the named team), unassigned, with the note on top for the next agent' })
  async escalate(@Param('id', ParseIntPipe) id: number, @Body() dto: EscalateDto, @CurrentAgent() me: Principal) {
    await this.escalation.escalate(id, me.agentId, dto);
    return { conversation: await this.conversations.get(id), routing: await this.routing.conversationRouting(id) };
  }

  @Get('conversations/:id/routing')
  @ApiOperation({ summary: "A conversation's team and line, its latest escalation note and its routing history" })
  conversationRouting(@Param('id', ParseIntPipe) id: number) {
    return this.routing.conversationRouting(id);
  }
}
