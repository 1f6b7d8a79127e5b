import { Body, ConflictException, Controller, Get, Inject, NotFoundException, Param, ParseIntPipe, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Agent, AgentsService, CredentialRevocations, Principal, Roles, SessionsService } from '@app/agents';
import { AvailabilityService } from '@app/routing';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { CurrentAgent } from './current-agent.decorator';
import { AgentPermissionsDto, CreateAgentDto, UpdateAgentDto } from './dto/agent.dto';
import { withoutCredential } from './session.controller';
import { signInUrl } from './sign-in-url.util';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api')
export class AgentsController {
  constructor(
    private readonly agents: AgentsService,
    private readonly sessions: SessionsService,
    private readonly revocations: CredentialRevocations,
    private readonly availability: AvailabilityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('me')
  me(@CurrentAgent() me: Principal) {
    return withoutCredential(me);
  }

  @Get('agents')
  @ApiOperation({ summary: 'Every agent; `builtIn` marks the one INBOX_ADMIN_TOKEN acts as (not a person: never an assignee)' })
  async list() {
    const agents = await this.agents.list();
    return { items: agents.map((a) => this.view(a)) };
  }

  @Post('agents')
  @Roles('ops')
  @ApiOperation({ summary: 'Create an agent with a one-time sign-in link and (unless `token: false`) a first API token; both shown once' })
  async create(@Body() dto: CreateAgentDto, @Req() req: Request) {
    const agent = await this.agents.createAgent(dto);
    const link = await this.agents.createSignInLink(agent.id);
    return {
      id: agent.id, name: agent.name, email: agent.email, role: agent.role,
      ...(dto.token === false ? {} : { token: await this.agents.issueToken(agent.id) }),
      signInUrl: this.signInUrl(req, link.secret), signInUrlExpiresAt: link.expiresAt,
    };
  }

  @Patch('agents/:id')
  @Roles('ops')
  @ApiOperation({ summary: "Deactivate or reactivate an agent, change its role or capacity; deactivation closes its sessions and realtime connections at once" })
  async update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateAgentDto, @CurrentAgent() me: Principal) {
    const agent = await this.agents.findAgent(id);
    if (!agent) throw new NotFoundException(`agent ${id} not found`);
    if (this.agents.isBuiltIn(agent)) throw new ConflictException('the built-in admin agent follows INBOX_ADMIN_TOKEN; unset the variable to retire it');
    if (id === me.agentId && (dto.active === false || (dto.role && dto.role !== agent.role))) {
      throw new ConflictException('you cannot deactivate yourself or change your own role; ask another ops agent');
    }
    let updated = (await this.agents.updateAgent(id, dto))!;
    if (dto.capacity !== undefined) {
      // Through routing: a raised capacity drains the agent's team queues at once.
      await this.availability.setCapacity(id, dto.capacity);
      updated = (await this.agents.findAgent(id))!;
    }
    if (dto.active === false) {
      await this.sessions.endAgentSessions(id);
      this.revocations.revoked({ agentId: id });
    }
    return this.view(updated);
  }

  @Post('agents/:id/sign-in-link')
  @Roles('ops')
  @ApiOperation({ summary: 'A new one-time sign-in link for an agent (e.g. a forgotten password); shown once' })
  async signInLink(@Param('id', ParseIntPipe) id: number, @Req() req: Request) {
    const agent = await this.agents.findAgent(id);
    if (!agent || this.agents.isBuiltIn(agent)) throw new NotFoundException(`agent ${id} not found`);
    const link = await this.agents.createSignInLink(id);
    return { signInUrl: this.signInUrl(req, link.secret), expiresAt: link.expiresAt };
  }

  @Put('agents/:id/permissions')
  @Roles('ops')
  @ApiOperation({ summary: "Replace an agent's extra permissions (`kb`: writes knowledge base articles)" })
  async setPermissions(@Param('id', ParseIntPipe) id: number, @Body() dto: AgentPermissionsDto) {
    if (!(await this.agents.setPermissions(id, dto.permissions))) throw new NotFoundException(`agent ${id} not found`);
    return { id, permissions: [...new Set(dto.permissions)].sort() };
  }

  private view(a: Agent) {
    return {
      id: a.id, name: a.name, email: a.email, role: a.role, active: a.active, permissions: a.permissions,
      // The capacity routing uses (its own, else routing.defaultCapacity) and whether the agent takes new conversations.
      capacity: a.routingCapacity ?? this.config.routing.defaultCapacity, availability: a.availability,
      builtIn: this.agents.isBuiltIn(a), hasPassword: !!a.passwordHash,
    };
  }

  private signInUrl(req: Request, secret: string): string {
    return signInUrl(secret, this.config, `${req.protocol}://${req.get('host')}`);
  }
}
