import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';

export class CreateLabelDto {
  @ApiProperty({ example: 'Возврат' })
  @IsString() @Matches(/\S/, { message: 'name must not be empty' }) @MaxLength(50)
  name: string;

  @ApiProperty({ example: '#e5484d', description: '#rrggbb' })
  @IsString() @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'color must be a colour such as #e5484d' })
  color: string;
}

export class UpdateLabelDto extends PartialType(CreateLabelDto) {}

export class AddLabelDto {
  @ApiProperty()
  @Type(() => Number) @IsInt({ message: 'labelId must be a label id' }) @Min(1)
  labelId: number;
}
