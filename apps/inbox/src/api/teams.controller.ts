import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/agents';
import { RoutingQueries, TeamsService } from '@app/routing';
import { CurrentAgent } from './current-agent.decorator';
import { CreateTeamDto, UpdateTeamDto } from './dto/routing.dto';

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService, private readonly queries: RoutingQueries) {}

  @Get()
  async list() {
    return { items: await this.teams.list() };
  }

  @Get('queues')
  @ApiOperation({ summary: 'Queue length, longest wait and room per team (the board)' })
  board() {
    return this.queries.board();
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.teams.get(id);
  }

  @Get(':id/queue')
  @ApiOperation({ summary: "A team's queue view: who waits, the longest wait, who is online with how much room (team leads and ops)" })
  async queue(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal) {
    const team = await this.teams.get(id);
    if (me.role !== 'ops' && !team.members.some((m) => m.agentId === me.agentId && m.lead)) {
      throw new ForbiddenException('the queue view is for the team lead and ops');
    }
    return this.queries.queue(id);
  }

  @Post()
  @Roles('ops')
  create(@Body() dto: CreateTeamDto) {
    return this.teams.create(dto);
  }

  @Patch(':id')
  @Roles('ops')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateTeamDto) {
    return this.teams.update(id, dto);
  }

  @Delete(':id')
  @Roles('ops')
  @HttpCode(204)
  async remove(@Param('id', ParseIntPipe) id: number) {
    await this.teams.remove(id);
  }
}
