import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString } from 'class-validator';
import { CONVERSATION_STATUSES, ConversationStatus } from '@app/conversations';
import { AssignDto } from './conversation.dto';

export const BULK_MAX_IDS = 200;

/** The part of a bulk request every action shares; the rest of the body is the action's own input. */
export class BulkRequestDto {
  @ApiProperty({ type: [Number], description: `Conversation ids, at most ${BULK_MAX_IDS} (a page of the list)` })
  @IsArray({ message: 'ids must be a list of conversation ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one conversation' })
  @ArrayMaxSize(BULK_MAX_IDS, { message: `ids may name at most ${BULK_MAX_IDS} conversations` })
  @IsInt({ each: true, message: 'ids must be a list of conversation ids' })
  ids: number[];

  @ApiProperty({ description: 'assign (agentId), status (status, until when snoozing)', example: 'assign' })
  @IsString({ message: 'action must be a string' })
  action: string;
}

/** `assign`: the same body as POST /api/conversations/:id/assign. */
export class BulkAssignInput extends AssignDto {}

/** `status`: the same body as POST /api/conversations/:id/status. */
export class BulkStatusInput {
  @ApiProperty({ enum: CONVERSATION_STATUSES })
  @IsIn(CONVERSATION_STATUSES, { message: `status must be one of ${CONVERSATION_STATUSES.join(', ')}` })
  status: ConversationStatus;

  @ApiPropertyOptional({ description: 'With status snoozed: when they reopen' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'until must be a moment such as 2026-12-01T09:00:00+03:00' })
  until?: string;
}
