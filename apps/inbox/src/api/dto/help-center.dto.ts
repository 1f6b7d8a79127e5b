import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { KB_LANGUAGES, KbLanguage } from '@app/knowledge';
import { SearchArticlesQuery } from './knowledge.dto';

export class HelpPageQuery {
  @ApiPropertyOptional({ enum: KB_LANGUAGES })
  @IsOptional() @IsIn(KB_LANGUAGES, { message: `lang must be one of ${KB_LANGUAGES.join(', ')}` })
  lang?: KbLanguage;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(100)
  category?: string;
}

export class HelpSearchQuery extends SearchArticlesQuery {}
