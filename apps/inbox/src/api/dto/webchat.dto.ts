import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { isBlankText } from '@app/conversations';

/** Something is left once the inbound text rule cleans it: spaces and control characters alone are not a message. */
const IsNotBlank = () => ValidateBy({
  name: 'isNotBlank',
  validator: {
    validate: (value) => typeof value === 'string' && !isBlankText(value),
    defaultMessage: (args) => `${args?.property} must contain more than spaces and control characters`,
  },
});

/** The page chose its own id before tokens: whoever guessed one read that conversation. Named, so old pages learn why. */
const NoLongerAccepted = () => ValidateBy({
  name: 'noLongerAccepted',
  validator: {
    validate: (value) => value === undefined,
    defaultMessage: () => 'visitorId is no longer accepted: get a token from POST /webchat/session and send it in the X-Visitor-Token header',
  },
});

const LANGUAGE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/;

/** A signed-in user of the site, vouched for by `hash = HMAC-SHA256(identitySecret, userId)` in hex. */
export class WebchatIdentityDto {
  @ApiProperty({ example: 'user-42' }) @IsString() @Matches(/^\S{1,200}$/, { message: 'userId must be 1 to 200 characters without spaces' })
  userId: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail()
  email?: string;

  @ApiProperty({ description: 'HMAC-SHA256(identitySecret, userId), hex' }) @IsString() @MaxLength(128)
  hash: string;
}

export class WebchatSessionDto {
  @ApiPropertyOptional({ description: 'The web chat channel id (the script tag\'s data-channel); the first web chat when missing' })
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'channel must be a channel id' })
  channel?: string;

  @ApiPropertyOptional({ example: 'ru-RU', description: 'The browser\'s language' })
  @IsOptional() @Matches(LANGUAGE, { message: 'language must be a language tag such as ru-RU' })
  language?: string;

  @ApiPropertyOptional({ type: WebchatIdentityDto })
  @IsOptional() @ValidateNested() @Type(() => WebchatIdentityDto)
  identity?: WebchatIdentityDto;

  @ApiPropertyOptional({ deprecated: true, description: 'Refused: the server issues the visitor token' })
  @NoLongerAccepted()
  visitorId?: unknown;
}

export class WebchatMessageDto {
  @ApiPropertyOptional({ deprecated: true, description: 'Refused: send the token from POST /webchat/session in X-Visitor-Token' })
  @NoLongerAccepted()
  visitorId?: unknown;

  @ApiPropertyOptional({ example: 'Мария' })
  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'maria@example.com', description: 'Pre-chat e-mail' })
  @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional({ description: 'Pre-chat topic id (one of the channel\'s preChat.topics)' })
  @IsOptional() @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'topic must be a topic id' })
  topic?: string;

  @ApiPropertyOptional({ example: 'ru-RU' })
  @IsOptional() @Matches(LANGUAGE, { message: 'language must be a language tag such as ru-RU' })
  language?: string;

  @ApiPropertyOptional({ example: 'Здравствуйте, не приходит код подтверждения', description: 'Required unless choiceId is given' })
  @ValidateIf((dto: WebchatMessageDto) => dto.choiceId === undefined || dto.text !== undefined)
  @IsString() @IsNotBlank() @MaxLength(10_000)
  text?: string;

  @ApiPropertyOptional({ description: 'A pressed button: the choice id, with replyTo' })
  @IsOptional() @Matches(/^[A-Za-z0-9_.:-]{1,32}$/, { message: 'choiceId must be a choice id' })
  choiceId?: string;

  @ApiPropertyOptional({ description: 'The message whose button was pressed' })
  @ValidateIf((dto: WebchatMessageDto) => dto.choiceId !== undefined)
  @Type(() => Number) @IsInt() @Min(1)
  replyTo?: number;

  @ApiProperty({ description: 'Id the page gives each message; a resend with the same id is stored once' })
  @IsString() @IsNotBlank() @MaxLength(100)
  clientMessageId: string;
}

/** The fields of a visitor's upload (multipart, beside `file`). */
export class WebchatUploadDto {
  @ApiProperty() @IsString() @IsNotBlank() @MaxLength(100)
  clientMessageId: string;

  @ApiPropertyOptional() @IsOptional() @Matches(LANGUAGE, { message: 'language must be a language tag such as ru-RU' })
  language?: string;
}
