import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
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
}

export const AGENT_PERMISSIONS = ['kb'] as const;

export class AgentPermissionsDto {
  @ApiProperty({ enum: AGENT_PERMISSIONS, isArray: true, example: ['kb'] })
  @IsArray() @ArrayMaxSize(10)
  @IsIn(AGENT_PERMISSIONS, { each: true, message: `permissions must each be one of ${AGENT_PERMISSIONS.join(', ')}` })
  permissions: string[];
}
