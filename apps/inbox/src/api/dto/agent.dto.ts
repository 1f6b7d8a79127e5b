import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
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
