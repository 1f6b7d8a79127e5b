import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { BoardQueries } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';

export class BoardQuery {
  @ApiPropertyOptional({ description: 'Start of "today" (ISO 8601), as the viewer\'s clock sees it; default: midnight of the server\'s day' })
  @IsOptional() @IsISO8601({}, { message: 'since must be an ISO 8601 date' })
  since?: string;
}

/** The team lead's live board: per channel, open and unanswered conversations, the longest wait, today's speed. */
@ApiTags('board')
@ApiBearerAuth()
@Controller('api/board')
export class BoardController {
  constructor(private readonly board: BoardQueries, private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: 'Per channel: open, unanswered, longest wait, median first response, warnings and breaches since the start of today' })
  get(@Query() query: BoardQuery) {
    let since: Date;
    if (query.since) since = new Date(query.since);
    else {
      since = this.clock.now();
      since.setHours(0, 0, 0, 0);
    }
    return this.board.board(since);
  }
}
