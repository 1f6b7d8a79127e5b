import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@app/agents';

const passwordLength = Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, {
  message: `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`,
});

export class SignInDto {
  @ApiProperty({ example: 'anna@example.com' })
  @IsString() @IsNotEmpty() @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class SignInLinkDto {
  @ApiProperty({ description: 'the secret of a one-time sign-in link (after `#signin=`)' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  token: string;
}

export class FirstAccountDto {
  @ApiProperty({ example: 'Ольга Петрова' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'olga@example.com' })
  @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString() @passwordLength
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString() @passwordLength
  password: string;

  @ApiProperty({ required: false, description: 'the present password; needed when the agent has one' })
  @IsOptional() @IsString() @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword?: string;
}
