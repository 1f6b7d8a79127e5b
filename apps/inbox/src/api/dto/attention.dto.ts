import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class RemindersQuery {
  @ApiPropertyOptional({ enum: ['upcoming', 'fired', 'all'], default: 'all' })
  @IsOptional() @IsIn(['upcoming', 'fired', 'all'], { message: 'state must be upcoming, fired or all' })
  state?: 'upcoming' | 'fired' | 'all';
}

export class RescheduleReminderDto {
  @ApiProperty({ description: 'The new moment (ISO 8601), in the future', example: '2026-12-01T09:00:00+03:00' })
  @IsISO8601({ strict: true }, { message: 'remindAt must be a moment such as 2026-12-01T09:00:00+03:00' })
  remindAt: string;
}
