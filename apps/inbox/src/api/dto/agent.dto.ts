import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AGENT_ROLES, AgentRole } from '@app/agents';

export class CreateAgentDto {
  @ApiProperty({ example: 'Анна Смирнова' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'anna@example.com' })
  @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(320)
  email: string;

  @ApiProperty({ enum: AGENT_ROLES })
  @IsIn(AGENT_ROLES, { message: `role must be one of ${AGENT_ROLES.join(', ')}` })
  role: AgentRole;

  @ApiProperty({ required: false, default: true, description: 'false: no API token is issued (the web app gives a sign-in link instead)' })
  @IsOptional() @IsBoolean({ message: 'token must be true or false' })
  token?: boolean;
}

export class UpdateAgentDto {
  @ApiProperty({ required: false, description: 'false: the agent is signed out everywhere at once and cannot sign in' })
  @IsOptional() @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiProperty({ required: false, enum: AGENT_ROLES })
  @IsOptional() @IsIn(AGENT_ROLES, { message: `role must be one of ${AGENT_ROLES.join(', ')}` })
  role?: AgentRole;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, description: 'how many conversations the agent holds at once' })
  @IsOptional() @IsInt({ message: 'capacity must be a whole number' }) @Min(1, { message: 'capacity must be at least 1' }) @Max(100, { message: 'capacity must be at most 100' })
  capacity?: number;
}

export const AGENT_PERMISSIONS = ['kb'] as const;

export class AgentPermissionsDto {
  @ApiProperty({ enum: AGENT_PERMISSIONS, isArray: true, example: ['kb'] })
  @IsArray() @ArrayMaxSize(10)
  @IsIn(AGENT_PERMISSIONS, { each: true, message: `permissions must each be one of ${AGENT_PERMISSIONS.join(', ')}` })
  permissions: string[];
}
