import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/agents';
import { PolicyRegistry } from '@app/sla';
import { CurrentAgent } from './current-agent.decorator';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/policies')
export class PoliciesController {
  constructor(private readonly policies: PolicyRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Response-time policies in force, per channel type and per channel' })
  list() {
    return this.policies.describe();
  }

  @Get(':scope/history')
  @Roles('ops')
  @ApiOperation({ summary: 'Changes of a policy: who, when, before and after' })
  async history(@Param('scope') scope: string) {
    return { items: await this.policies.history(scope) };
  }

  @Put(':scope')
  @Roles('ops')
  @ApiOperation({ summary: 'Change the policy of a channel type (telegram, email, …) or of one channel; applies to deadlines computed from now on' })
  @ApiBody({ schema: { type: 'object', example: { firstResponse: '4h', warnAt: 0.75, autoAcknowledge: { enabled: true } } } })
  async update(@Param('scope') scope: string, @Body() body: unknown, @CurrentAgent() me: Principal) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['the body must be an object of policy keys'], fields: ['body'] });
    return this.policies.update(scope, body as Record<string, unknown>, me.agentId);
  }
}
