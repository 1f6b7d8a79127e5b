import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';

export class CreateIncidentDto {
  @ApiProperty({ example: 'Оплата картой не проходит' })
  @IsString({ message: 'title must be text' }) @IsNotEmpty({ message: 'title must not be empty' }) @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'Платёжный шлюз отвечает ошибкой с 10:40' })
  @IsOptional() @IsString({ message: 'description must be text' }) @MaxLength(5000)
  description?: string;
}

export class LinkConversationsDto {
  @ApiProperty({ type: [Number], description: 'One conversation (from its page) or a bulk selection' })
  @IsArray({ message: 'conversationIds must be a list of conversation ids' }) @ArrayMinSize(1, { message: 'conversationIds must name at least one conversation' }) @ArrayMaxSize(1000)
  @IsInt({ each: true, message: 'conversationIds must be a list of conversation ids' }) @Min(1, { each: true, message: 'conversationIds must be a list of conversation ids' })
  conversationIds: number[];
}

export class IncidentUpdateDto {
  @ApiProperty({ example: 'Платежи снова проходят, приносим извинения' })
  @IsString({ message: 'body must be text' }) @IsNotEmpty({ message: 'body must not be empty' }) @MaxLength(4000)
  body: string;

  @ApiPropertyOptional({ description: 'Idempotency key (or the Idempotency-Key header): a repeated request with the same key sends nothing twice' })
  @IsOptional() @IsString() @Matches(/^[\w.:-]{1,100}$/, { message: 'key must be 1–100 letters, digits, or . : _ -' })
  key?: string;
}

export class ResolveIncidentDto {
  @ApiPropertyOptional({ description: 'The final message to every linked conversation' })
  @IsOptional() @IsString({ message: 'message must be text' }) @MaxLength(4000)
  message?: string;

  @ApiPropertyOptional({ description: 'Also resolve the linked conversations still open; default false' })
  @IsOptional() @IsBoolean({ message: 'resolveConversations must be true or false' })
  resolveConversations?: boolean;
}

export class IncidentListQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional() @IsIn(['open', 'resolved'], { message: 'status must be open or resolved' })
  status?: 'open' | 'resolved';
}

export class RecordFeatureRequestDto {
  @ApiProperty({ description: 'The conversation where the customer asked' })
  @Type(() => Number) @IsInt({ message: 'conversationId must be a conversation id' }) @Min(1, { message: 'conversationId must be a conversation id' })
  conversationId: number;

  @ApiPropertyOptional({ description: 'An existing request (from the suggestions)' })
  @IsOptional() @IsInt({ message: 'featureRequestId must be a feature request id' }) @Min(1, { message: 'featureRequestId must be a feature request id' })
  featureRequestId?: number;

  @ApiPropertyOptional({ description: 'A new request\'s title (the same title, folded, is the same request)', example: 'Тёмная тема' })
  @IsOptional() @IsString({ message: 'title must be text' }) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'The workaround the agent gave' })
  @IsOptional() @IsString({ message: 'workaround must be text' }) @MaxLength(2000)
  workaround?: string;
}

export class FeatureRequestListQuery {
  @ApiPropertyOptional({ description: 'What the agent is typing: suggestions best first' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class ShipFeatureRequestDto {
  @ApiProperty({ example: 'Тёмная тема уже в приложении — обновите его, пожалуйста' })
  @IsString({ message: 'message must be text' }) @IsNotEmpty({ message: 'message must not be empty' }) @MaxLength(4000)
  message: string;
}

export class ReviewSettingsDto {
  @ApiPropertyOptional({ description: 'Day of the pick, 0 = Monday' })
  @IsOptional() @IsInt({ message: 'weekday must be 0 (Monday) to 6 (Sunday)' }) @Min(0, { message: 'weekday must be 0 (Monday) to 6 (Sunday)' }) @Max(6, { message: 'weekday must be 0 (Monday) to 6 (Sunday)' })
  weekday?: number;

  @ApiPropertyOptional({ description: 'Hour of the pick, 0–23, on the wall clock of timeZone' })
  @IsOptional() @IsInt({ message: 'hour must be 0 to 23' }) @Min(0, { message: 'hour must be 0 to 23' }) @Max(23, { message: 'hour must be 0 to 23' })
  hour?: number;

  @ApiPropertyOptional({ example: 'Europe/Moscow' })
  @IsOptional() @IsString({ message: 'timeZone must be an IANA time zone' }) @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Dialogues per agent each week; default 10' })
  @IsOptional() @IsInt({ message: 'perAgent must be 1 to 100' }) @Min(1, { message: 'perAgent must be 1 to 100' }) @Max(100, { message: 'perAgent must be 1 to 100' })
  perAgent?: number;

  @ApiPropertyOptional({ type: [String], example: ['greeting', 'accuracy', 'tone', 'solution'] })
  @IsOptional() @IsArray({ message: 'criteria must be a list of names' }) @ArrayMinSize(1, { message: 'criteria must name at least one criterion' }) @ArrayMaxSize(20)
  @Matches(/^[\p{L}\p{N}_ -]{1,40}$/u, { each: true, message: 'criteria must each be 1–40 letters, digits, spaces, _ or -' })
  criteria?: string[];

  @ApiPropertyOptional({ description: 'A dialogue of more messages than this is long' })
  @IsOptional() @IsInt({ message: 'longMessages must be 2 to 1000' }) @Min(2, { message: 'longMessages must be 2 to 1000' }) @Max(1000, { message: 'longMessages must be 2 to 1000' })
  longMessages?: number;
}

export class ScoreReviewDto {
  @ApiProperty({ description: 'Criterion → { score 1–5, comment }', example: { greeting: { score: 4, comment: 'ok' } } })
  @IsObject({ message: 'scores must map each criterion to { score, comment }' })
  scores: Record<string, { score: number; comment?: string | null }>;

  @ApiPropertyOptional()
  @IsOptional() @IsString({ message: 'comment must be text' }) @MaxLength(4000)
  comment?: string;
}

export class AnswerReviewDto {
  @ApiProperty()
  @IsString({ message: 'answer must be text' }) @IsNotEmpty({ message: 'answer must not be empty' }) @MaxLength(4000)
  answer: string;
}

export class AssignReviewerDto {
  @ApiProperty()
  @IsInt({ message: 'reviewerId must be an agent id' }) @Min(1, { message: 'reviewerId must be an agent id' })
  reviewerId: number;
}
