import { Body, Controller, Get, Inject, NotFoundException, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentsService, Principal, Roles } from '@app/agents';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { CurrentAgent } from './current-agent.decorator';
import { AgentPermissionsDto, CreateAgentDto } from './dto/agent.dto';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api')
export class AgentsController {
  constructor(private readonly agents: AgentsService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('me')
  me(@CurrentAgent() me: Principal) {
    return me;
  }

  @Get('agents')
  async list() {
    const agents = await this.agents.list();
    return { items: agents.map((a) => ({ id: a.id, name: a.name, email: a.email, role: a.role, active: a.active, capacity: a.routingCapacity ?? this.config.routing.defaultCapacity, availability: a.availability, permissions: a.permissions })) };
  }

  @Post('agents')
  @Roles('ops')
  @ApiOperation({ summary: 'Create an agent and its first API token (shown once)' })
  async create(@Body() dto: CreateAgentDto) {
    const agent = await this.agents.createAgent(dto);
    return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, token: await this.agents.issueToken(agent.id) };
  }

  @Put('agents/:id/permissions')
  @Roles('ops')
  @ApiOperation({ summary: "Replace an agent's extra permissions (`kb`: writes knowledge base articles)" })
  async setPermissions(@Param('id', ParseIntPipe) id: number, @Body() dto: AgentPermissionsDto) {
    if (!(await this.agents.setPermissions(id, dto.permissions))) throw new NotFoundException(`agent ${id} not found`);
    return { id, permissions: [...new Set(dto.permissions)].sort() };
  }
}
