import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AgentsService, Principal } from '@app/agents';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { ContactIdentity, Conversation, ConversationActions, ConversationQueries, ConversationStatus, InvalidRequestError, LabelsService, ReplyService, toMessageView } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { noteReminder } from './note-reminder';
import { CurrentAgent } from './current-agent.decorator';
import { WebhookReceivers } from './webhook-receivers';
import { AssignDto, CreateMessageDto, ListConversationsQuery, StatusDto } from './dto/conversation.dto';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(
    private readonly queries: ConversationQueries,
    private readonly actions: ConversationActions,
    private readonly replies: ReplyService,
    private readonly agents: AgentsService,
    private readonly receivers: WebhookReceivers,
    private readonly db: DataSource,
    private readonly attachmentStore: AttachmentStore,
    private readonly labels: LabelsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Conversations, most urgent first (earliest deadline, then longest waiting)' })
  async list(@Query() query: ListConversationsQuery, @CurrentAgent() me: Principal) {
    const label = query.label === undefined ? undefined : await this.labels.find(query.label);
    if (label === null) throw new InvalidRequestError('label', `no label with the id or name "${query.label}"`);
    const assignee = query.assignee === undefined ? undefined : query.assignee === 'me' ? me.agentId : query.assignee === 'none' ? null : Number(query.assignee);
    return this.queries.list({
      statuses: query.status?.split(',') as ConversationStatus[] | undefined,
      channelId: query.channel,
      teamId: query.team,
      assigneeId: assignee,
      breaching: query.breaching === 'true',
      q: query.q?.trim() || undefined,
      labelId: label?.id,
      heldByBot: query.bot === 'include' ? undefined : query.bot === 'only',
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.queries.get(id);
  }

  @Get(':id/messages')
  async messages(@Param('id', ParseIntPipe) id: number) {
    return { items: await this.queries.messages(id) };
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'Reply to the customer (through the outbox) or add an internal note' })
  async reply(@Param('id', ParseIntPipe) id: number, @Body() dto: CreateMessageDto, @CurrentAgent() me: Principal) {
    if ((dto.kind ?? 'reply') === 'reply') await this.refuseWhenChannelWould(id);
    const reminder = await noteReminder(dto, me, this.agents, this.clock); // checked before any upload is claimed
    const attachments = [];
    for (const [i, a] of (dto.attachments ?? []).entries()) {
      const size = await this.attachmentStore.claim(a.storageKey);
      if (size === null) throw new InvalidRequestError(`attachments.${i}.storageKey`, 'no uploaded file has this key');
      attachments.push({ name: a.name, contentType: a.contentType, size, storageKey: a.storageKey });
    }
    return toMessageView(await this.replies.reply(id, me.agentId, dto.body ?? '', dto.kind ?? 'reply', attachments, reminder && { reminder }));
  }

  /** Asks the conversation's channel whether a free-form reply may go out now (WhatsApp's 24-hour window): 422 if not. */
  private async refuseWhenChannelWould(conversationId: number): Promise<void> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id: conversationId });
    // The live adapter or the API's receiver: the window is kept in the database, so either can tell.
    const adapter = conversation ? this.receivers.get(conversation.channelId) : undefined;
    if (!conversation || !adapter?.checkReply) return;
    const recipient = await this.db.getRepository(ContactIdentity).findOneBy({ id: conversation.identityId });
    const refusal = recipient ? await adapter.checkReply({ externalId: recipient.externalId }) : null;
    if (refusal) throw new UnprocessableEntityException(refusal);
  }

  @Post(':id/assign')
  @HttpCode(200)
  async assign(@Param('id', ParseIntPipe) id: number, @Body() dto: AssignDto) {
    if (dto.agentId !== null && !(await this.agents.exists(dto.agentId))) {
      throw new InvalidRequestError('agentId', `no active agent with id ${dto.agentId}`);
    }
    await this.actions.assign(id, dto.agentId);
    return this.queries.get(id);
  }

  @Post(':id/status')
  @HttpCode(200)
  async status(@Param('id', ParseIntPipe) id: number, @Body() dto: StatusDto) {
    await this.actions.setStatus(id, dto.status, dto.until ? new Date(dto.until) : undefined);
    return this.queries.get(id);
  }
}
