import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ReplyPartsDto {
  @ApiProperty({ description: 'The reply as the agent has typed it so far' })
  @IsString() @MaxLength(100_000)
  text!: string;
}
