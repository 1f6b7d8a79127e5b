import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AGENT_AVAILABILITIES, AgentAvailability } from '@app/agents';
import { TEAM_ASSIGNMENTS, TeamAssignment } from '@app/routing';

export class TeamMemberDto {
  @ApiProperty() @IsInt({ message: 'agentId must be an agent id' })
  agentId: number;

  @ApiPropertyOptional({ description: 'A team lead sees the queue view and is told of SLA escalations' })
  @IsOptional() @IsBoolean({ message: 'lead must be true or false' })
  lead?: boolean;
}

export class UpdateTeamDto {
  @ApiPropertyOptional({ example: 'Чат, первая линия' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, description: '1 = first line; escalation goes to the next line' })
  @IsOptional() @IsInt({ message: 'line must be a whole number from 1 to 9' }) @Min(1, { message: 'line must be a whole number from 1 to 9' }) @Max(9, { message: 'line must be a whole number from 1 to 9' })
  line?: number;

  @ApiPropertyOptional({ type: [String], description: 'Channel ids whose new conversations the team takes' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { each: true, message: 'channels must each be a channel id' })
  channels?: string[];

  @ApiPropertyOptional({ enum: TEAM_ASSIGNMENTS })
  @IsOptional() @IsIn(TEAM_ASSIGNMENTS, { message: `assignment must be one of ${TEAM_ASSIGNMENTS.join(', ')}` })
  assignment?: TeamAssignment;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional() @ValidateIf((o: UpdateTeamDto) => o.overflowTeamId !== null) @IsInt({ message: 'overflowTeamId must be a team id or null' })
  overflowTeamId?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Unassigned this long in the queue: moves to the overflow team' })
  @IsOptional() @ValidateIf((o: UpdateTeamDto) => o.overflowAfterSeconds !== null)
  @IsInt({ message: 'overflowAfterSeconds must be a whole number of seconds (1 or more) or null' }) @Min(1, { message: 'overflowAfterSeconds must be a whole number of seconds (1 or more) or null' })
  overflowAfterSeconds?: number | null;

  @ApiPropertyOptional({ type: [TeamMemberDto], description: 'Replaces the members' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => TeamMemberDto)
  members?: TeamMemberDto[];
}

/** A new team: `name` is required (checked by the service, 400 naming it). */
export class CreateTeamDto extends UpdateTeamDto {}

export class AvailabilityDto {
  @ApiProperty({ enum: AGENT_AVAILABILITIES })
  @IsIn(AGENT_AVAILABILITIES, { message: `availability must be one of ${AGENT_AVAILABILITIES.join(', ')}` })
  availability: AgentAvailability;
}


export class ContactOwnerDto {
  @ApiProperty({ nullable: true, type: Number, description: 'The account owner (an agent id), or null' })
  @IsDefined({ message: 'ownerId must be an agent id or null' })
  @ValidateIf((o: ContactOwnerDto) => o.ownerId !== null) @IsInt({ message: 'ownerId must be an agent id or null' })
  ownerId: number | null;
}

export class EscalateDto {
  @ApiPropertyOptional({ description: 'The team to move to; default: the first team of the next line' })
  @IsOptional() @IsInt({ message: 'teamId must be a team id' })
  teamId?: number;

  @ApiProperty({ description: 'What the next agent needs to know (an internal note shown on top)' })
  @IsString({ message: 'note must be a text' }) @IsNotEmpty({ message: 'note must not be empty' }) @MaxLength(10_000)
  note: string;
}
