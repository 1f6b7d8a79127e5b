import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { isBlankText } from '@app/conversations';

const VISITOR_ID = /^[A-Za-z0-9_-]{8,100}$/;

/** Something is left once the inbound text rule cleans it: spaces and control characters alone are not a message. */
const IsNotBlank = () => ValidateBy({
  name: 'isNotBlank',
  validator: {
    validate: (value) => typeof value === 'string' && !isBlankText(value),
    defaultMessage: (args) => `${args?.property} must contain more than spaces and control characters`,
  },
});

export class WebchatMessageDto {
  @ApiProperty({ description: 'Random id the page keeps for this visitor (8–100 of A–Z a–z 0–9 _ -)' })
  @Matches(VISITOR_ID, { message: 'visitorId must be 8 to 100 letters, digits, _ or -' })
  visitorId: string;

  @ApiPropertyOptional({ example: 'Мария' })
  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Здравствуйте, не приходит код подтверждения', description: 'The message; absent when the visitor pressed a button (choiceId)' })
  @ValidateIf((dto: WebchatMessageDto) => dto.choiceId === undefined)
  @IsString() @IsNotBlank() @MaxLength(10_000)
  text?: string;

  @ApiPropertyOptional({ description: 'The id of a button (choice) the visitor pressed, under the message replyTo' })
  @IsOptional() @IsString() @IsNotBlank() @MaxLength(64)
  choiceId?: string;

  @ApiPropertyOptional({ description: 'The id of the message that offered the pressed choice' })
  @ValidateIf((dto: WebchatMessageDto) => dto.choiceId !== undefined)
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  replyTo?: number;

  @ApiProperty({ description: 'Id the page gives each message; a resend with the same id is stored once' })
  @IsString() @IsNotBlank() @MaxLength(100)
  clientMessageId: string;
}

export class WebchatHistoryQuery {
  @ApiProperty()
  @Matches(VISITOR_ID, { message: 'visitorId must be 8 to 100 letters, digits, _ or -' })
  visitorId: string;
}
