import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CONVERSATION_STATUSES, ConversationStatus } from '@app/conversations';

const STATUS_LIST = new RegExp(`^(${CONVERSATION_STATUSES.join('|')})(,(${CONVERSATION_STATUSES.join('|')}))*$`);

const BOT_FILTERS = ['hide', 'only', 'include'] as const;

export class ListConversationsQuery {
  @ApiPropertyOptional({ description: 'One status or a comma list; default: all but resolved', example: 'open' })
  @IsOptional() @Matches(STATUS_LIST, { message: `status must be one or more of ${CONVERSATION_STATUSES.join(', ')}, separated by commas` })
  status?: string;

  @ApiPropertyOptional({ description: 'Channel id' })
  @IsOptional() @IsString() @MaxLength(64)
  channel?: string;

  @ApiPropertyOptional({ description: 'Team id (routing)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'team must be a team id' })
  team?: number;

  @ApiPropertyOptional({ description: '`me`, `none` (unassigned) or an agent id', example: 'me' })
  @IsOptional() @Matches(/^(me|none|\d+)$/, { message: 'assignee must be me, none or an agent id' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Only conversations past a response deadline', enum: ['true', 'false'] })
  @IsOptional() @IsIn(['true', 'false'], { message: 'breaching must be true or false' })
  breaching?: string;

  @ApiPropertyOptional({ description: 'Search in contact names, subjects and message text' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only conversations with this label (its id or name)', example: 'VIP' })
  @IsOptional() @IsString() @Matches(/\S/, { message: 'label must be a label id or name' }) @MaxLength(50)
  label?: string;

  @ApiPropertyOptional({
    description: 'Conversations the bot holds (answering, not handed over): `hide` them (the default: the list shows what needs an agent), `only` them (the "With the bot" tab), or `include` them',
    enum: BOT_FILTERS, default: 'hide',
  })
  @IsOptional() @IsIn(BOT_FILTERS, { message: `bot must be ${BOT_FILTERS.join(', ')}` })
  bot?: (typeof BOT_FILTERS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class AttachmentRefDto {
  @ApiProperty({ description: 'storageKey returned by POST /api/attachments' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'storageKey must be a key returned by POST /api/attachments' })
  storageKey: string;

  @ApiProperty({ example: 'invoice.pdf' })
  @IsString() @IsNotEmpty() @MaxLength(255)
  name: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'contentType must be a MIME type such as application/pdf' })
  contentType: string;
}

export class CreateMessageDto {
  @ApiProperty({ example: 'Здравствуйте! Уже проверяем ваш заказ.', description: 'May be empty when files are attached' })
  @IsString() @ValidateIf((o: CreateMessageDto) => !o.attachments?.length) @IsNotEmpty() @MaxLength(50_000)
  body: string;

  @ApiPropertyOptional({ type: [AttachmentRefDto], description: 'Files uploaded with POST /api/attachments' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => AttachmentRefDto)
  attachments?: AttachmentRefDto[];

  @ApiPropertyOptional({ enum: ['reply', 'note'], default: 'reply', description: 'A note never leaves the inbox' })
  @IsOptional() @IsIn(['reply', 'note'], { message: 'kind must be reply or note' })
  kind?: 'reply' | 'note';

  @ApiPropertyOptional({ description: 'A note only: when to remind (ISO 8601); fires even if the customer writes meanwhile', example: '2026-12-01T09:00:00+03:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'remindAt must be a moment such as 2026-12-01T09:00:00+03:00' })
  remindAt?: string;

  @ApiPropertyOptional({ description: 'A note only: the agent to remind (default: the author)' })
  @IsOptional() @IsInt({ message: 'remindFor must be an agent id' })
  remindFor?: number;
}

export class AssignDto {
  @ApiProperty({ nullable: true, type: Number, description: 'An agent id, or null to unassign' })
  @IsDefined({ message: 'agentId must be an agent id or null' })
  @ValidateIf((o: AssignDto) => o.agentId !== null) @IsInt({ message: 'agentId must be an agent id or null' })
  agentId: number | null;
}

export class StatusDto {
  @ApiProperty({ enum: CONVERSATION_STATUSES })
  @IsIn(CONVERSATION_STATUSES, { message: `status must be one of ${CONVERSATION_STATUSES.join(', ')}` })
  status: ConversationStatus;

  @ApiPropertyOptional({ description: 'With status snoozed: when it reopens (ISO 8601, in the future)', example: '2026-12-01T09:00:00+03:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'until must be a moment such as 2026-12-01T09:00:00+03:00' })
  until?: string;
}

export class MergeContactDto {
  @ApiProperty({ description: 'The contact to merge into this one' })
  @IsInt()
  contactId: number;
}
