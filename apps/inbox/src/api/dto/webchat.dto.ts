import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const VISITOR_ID = /^[A-Za-z0-9_-]{8,100}$/;

export class WebchatMessageDto {
  @ApiProperty({ description: 'Random id the page keeps for this visitor (8–100 of A–Z a–z 0–9 _ -)' })
  @Matches(VISITOR_ID, { message: 'visitorId must be 8 to 100 letters, digits, _ or -' })
  visitorId: string;

  @ApiPropertyOptional({ example: 'Мария' })
  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiProperty({ example: 'Здравствуйте, не приходит код подтверждения' })
  @IsString() @IsNotEmpty() @MaxLength(10_000)
  text: string;

  @ApiProperty({ description: 'Id the page gives each message; a resend with the same id is stored once' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  clientMessageId: string;
}

export class WebchatHistoryQuery {
  @ApiProperty()
  @Matches(VISITOR_ID, { message: 'visitorId must be 8 to 100 letters, digits, _ or -' })
  visitorId: string;
}
