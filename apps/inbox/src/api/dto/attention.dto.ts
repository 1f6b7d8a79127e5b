import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class RemindersQuery {
  @ApiPropertyOptional({ enum: ['upcoming', 'fired', 'all'], default: 'all' })
  @IsOptional() @IsIn(['upcoming', 'fired', 'all'], { message: 'state must be upcoming, fired or all' })
  state?: 'upcoming' | 'fired' | 'all';
}
