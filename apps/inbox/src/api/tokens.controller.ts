import { Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentsService, CredentialRevocations, Roles } from '@app/agents';

/** API tokens for ops: which exist (never their values) and revoking one, effective at once everywhere. */
@ApiTags('agents')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/tokens')
export class TokensController {
  constructor(private readonly agents: AgentsService, private readonly revocations: CredentialRevocations) {}

  @Get()
  @ApiOperation({ summary: 'Every API token with its agent and label, newest first (values are never shown again)' })
  async list() {
    return { items: await this.agents.listTokens() };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token: refused from the next request on, on every process; its realtime connections are closed' })
  async revoke(@Param('id', ParseIntPipe) id: number): Promise<void> {
    if (!(await this.agents.revokeToken(id))) throw new NotFoundException(`token ${id} not found`);
    this.revocations.revoked({ tokenId: id });
  }
}
