import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { Principal, Roles } from '@app/agents';
import { QualityReviews } from '@app/insights';
import { CurrentAgent } from './current-agent.decorator';
import { AnswerReviewDto, AssignReviewerDto, ReviewSettingsDto, ScoreReviewDto } from './dto/lead-tools.dto';

export class ReviewListQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt({ message: 'reviewer must be an agent id' }) @Min(1, { message: 'reviewer must be an agent id' })
  reviewer?: number;

  @ApiPropertyOptional({ description: 'Ops only; agents always get their own' }) @IsOptional() @Type(() => Number) @IsInt({ message: 'agent must be an agent id' }) @Min(1, { message: 'agent must be an agent id' })
  agent?: number;

  @ApiPropertyOptional({ enum: ['pending', 'scored'] }) @IsOptional() @IsIn(['pending', 'scored'], { message: 'status must be pending or scored' })
  status?: 'pending' | 'scored';
}

/** The weekly quality review: ops set it up, pick and score; agents see the reviews of their work and answer them. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/reviews')
export class QualityReviewController {
  constructor(private readonly reviews: QualityReviews) {}

  @Get('settings')
  settings() {
    return this.reviews.settings();
  }

  @Put('settings')
  @Roles('ops')
  @ApiOperation({ summary: 'Day and hour of the weekly pick, its size per agent, the scorecard\'s criteria, what counts as long' })
  updateSettings(@Body() dto: ReviewSettingsDto) {
    return this.reviews.updateSettings(dto);
  }

  @Post('pick')
  @Roles('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'Runs the pick that is due now, if it has not run (the weekly timer does the same)' })
  async pick() {
    const round = await this.reviews.pickDue();
    return { picked: round !== null, round };
  }

  @Get()
  @ApiOperation({ summary: 'Review assignments: ops see all (filter by reviewer, agent, status); agents see the reviews of their own work' })
  async list(@Query() query: ReviewListQuery, @CurrentAgent() me: Principal) {
    return { items: await this.reviews.list(me, { reviewerId: query.reviewer, agentId: query.agent, status: query.status }) };
  }

  @Get('trend')
  @ApiOperation({ summary: 'Average scores per agent and week, overall and per criterion (agents: their own)' })
  async trend(@CurrentAgent() me: Principal) {
    return { items: await this.reviews.trend(me) };
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal) {
    return this.reviews.get(id, me);
  }

  @Post(':id/reviewer')
  @Roles('ops')
  @HttpCode(200)
  assignReviewer(@Param('id', ParseIntPipe) id: number, @Body() dto: AssignReviewerDto) {
    return this.reviews.assignReviewer(id, dto.reviewerId);
  }

  @Post(':id/score')
  @Roles('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'The scorecard: each criterion 1–5 with a comment' })
  score(@Param('id', ParseIntPipe) id: number, @Body() dto: ScoreReviewDto, @CurrentAgent() me: Principal) {
    return this.reviews.score(id, me, dto);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'The reviewed agent answers the review' })
  answer(@Param('id', ParseIntPipe) id: number, @Body() dto: AnswerReviewDto, @CurrentAgent() me: Principal) {
    return this.reviews.answer(id, me, dto.answer);
  }
}
