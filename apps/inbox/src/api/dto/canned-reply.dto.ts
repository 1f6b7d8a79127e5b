import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CANNED_REPLY_SCOPES, CannedReplyScope } from '@app/conversations';

const NOT_BLANK = /\S/;

export class CreateCannedReplyDto {
  @ApiProperty({ example: 'доставка', description: 'What the agent types after / (letters, digits, - and _)' })
  @IsString() @Matches(/^\/?[\p{L}\p{N}_-]{1,50}$/u, { message: 'shortCode must be 1 to 50 letters, digits, - or _' })
  shortCode: string;

  @ApiProperty({ example: 'Сроки доставки' })
  @IsString() @Matches(NOT_BLANK, { message: 'title must not be empty' }) @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Здравствуйте, {{ contact.name | default: "клиент" }}! Доставка занимает 2–3 дня. {{ agent.name }}' })
  @IsString() @Matches(NOT_BLANK, { message: 'body must not be empty' }) @MaxLength(10_000)
  body: string;

  @ApiProperty({ enum: CANNED_REPLY_SCOPES, description: 'everyone and team: ops only; personal: the author alone sees it' })
  @IsIn(CANNED_REPLY_SCOPES, { message: `scope must be one of ${CANNED_REPLY_SCOPES.join(', ')}` })
  scope: CannedReplyScope;

  @ApiPropertyOptional({ description: 'The team of a team reply' })
  @ValidateIf((o: CreateCannedReplyDto) => o.scope === 'team' || (o.teamId !== undefined && o.teamId !== null))
  @Type(() => Number) @IsInt({ message: 'teamId must be a team id (a whole number) for a team reply' }) @Min(1)
  teamId?: number | null;
}

export class UpdateCannedReplyDto extends PartialType(CreateCannedReplyDto) {}

export class ListCannedRepliesQuery {
  @ApiPropertyOptional({ description: 'Words to find in the short code, title or body (any case, Russian or English)', example: 'доставка' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class RenderCannedReplyDto {
  @ApiProperty({ description: 'The conversation to render for' })
  @Type(() => Number) @IsInt({ message: 'conversationId must be a conversation id' }) @Min(1)
  conversationId: number;
}

export class PreviewCannedReplyDto extends RenderCannedReplyDto {
  @ApiProperty({ description: 'A body not saved yet' })
  @IsString() @Matches(NOT_BLANK, { message: 'body must not be empty' }) @MaxLength(10_000)
  body: string;
}
