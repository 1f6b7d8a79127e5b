import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { QuarantineStatus } from '@app/conversations';

const STATUSES: QuarantineStatus[] = ['quarantined', 'failing', 'retried', 'discarded'];

export class ListQuarantineQuery {
  @ApiPropertyOptional({ enum: STATUSES, default: 'quarantined', description: 'failing: still being delivered again by its channel' })
  @IsOptional() @IsIn(STATUSES)
  status?: QuarantineStatus;

  @ApiPropertyOptional({ description: 'Only this channel id' })
  @IsOptional() @IsString() @MaxLength(64)
  channel?: string;
}
