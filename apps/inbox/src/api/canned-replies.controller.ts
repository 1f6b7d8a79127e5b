import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@app/agents';
import { CannedRepliesService, CannedReplyRenderer, CannedReplyScope, MomentFormatter } from '@app/conversations';
import { PolicyRegistry } from '@app/sla';
import { formatMoment } from '@app/sla/policy/render-template.util';
import { CurrentAgent } from './current-agent.decorator';
import { CreateCannedReplyDto, ListCannedRepliesQuery, PreviewCannedReplyDto, RenderCannedReplyDto, UpdateCannedReplyDto } from './dto/canned-reply.dto';

/**
 * Canned replies: everyone reads the shared ones and their own; ops write the everyone and team ones, each agent
 * their personal ones. Rendering for a conversation shows the agent the final text before it is sent.
 */
@ApiTags('canned replies')
@ApiBearerAuth()
@Controller('api/canned-replies')
export class CannedRepliesController {
  /** The promised time as the channel's policy tells it to customers ("вторник 1 декабря 11:59 (Europe/Moscow)"). */
  private readonly moment: MomentFormatter = (at, channelId, lang) => formatMoment(at, this.policies.forChannel(channelId).timeZone, lang);

  constructor(
    private readonly replies: CannedRepliesService,
    private readonly renderer: CannedReplyRenderer,
    private readonly policies: PolicyRegistry,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The replies the caller may use; with q, best matches first (short code, then title, then body)' })
  async list(@Query() query: ListCannedRepliesQuery, @CurrentAgent() me: Principal) {
    return { items: await this.replies.list(me, query.q, query.limit ?? 50) };
  }

  @Post()
  @ApiOperation({ summary: 'Write a reply: everyone and team scopes need ops; a bad template is refused with 400 naming its line' })
  create(@Body() dto: CreateCannedReplyDto, @CurrentAgent() me: Principal) {
    assertCanWrite(me)(dto.scope, dto.scope === 'personal' ? me.agentId : null);
    return this.replies.create(dto, me);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render a body not saved yet for a conversation (the editor shows it as the customer will read it)' })
  async preview(@Body() dto: PreviewCannedReplyDto, @CurrentAgent() me: Principal) {
    return { text: await this.renderer.render(dto.body, dto.conversationId, me, this.moment) };
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal) {
    return this.replies.get(id, me);
  }

  @Post(':id/render')
  @HttpCode(200)
  @ApiOperation({ summary: 'The reply rendered for a conversation: contact, agent, conversation and channel variables filled in' })
  async render(@Param('id', ParseIntPipe) id: number, @Body() dto: RenderCannedReplyDto, @CurrentAgent() me: Principal) {
    const reply = await this.replies.get(id, me);
    return { id: reply.id, text: await this.renderer.render(reply.body, dto.conversationId, me, this.moment) };
  }

  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateCannedReplyDto, @CurrentAgent() me: Principal) {
    return this.replies.update(id, dto, me, assertCanWrite(me));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal) {
    await this.replies.remove(id, me, assertCanWrite(me));
  }
}

/** Shared replies are ops' to write; a personal one only its owner's. */
function assertCanWrite(me: Principal) {
  return (scope: CannedReplyScope, ownerId: number | null): void => {
    if (scope === 'personal' ? ownerId !== me.agentId : me.role !== 'ops') {
      throw new ForbiddenException(scope === 'personal' ? 'a personal reply is written by its owner only' : `a reply for ${scope === 'team' ? 'a team' : 'everyone'} needs the role ops`);
    }
  };
}
