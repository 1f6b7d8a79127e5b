import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ARTICLE_STATUSES, ARTICLE_USE_KINDS, ArticleStatus, ArticleUseKind, KB_LANGUAGES, KbLanguage } from '@app/knowledge';

const NOT_BLANK = /\S/;
const LANGUAGE_MESSAGE = `must be one of ${KB_LANGUAGES.join(', ')}`;

export class CreateArticleDto {
  @ApiProperty({ example: 'Что делать, если принтер не печатает чеки' })
  @IsString() @Matches(NOT_BLANK, { message: 'title must not be empty' }) @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'Markdown', example: '1. Проверьте бумагу.\n2. Перезапустите кассу.' })
  @IsString() @Matches(NOT_BLANK, { message: 'body must not be empty' }) @MaxLength(100_000)
  body: string;

  @ApiProperty({ example: 'Кассы и чеки' })
  @IsString() @Matches(NOT_BLANK, { message: 'category must not be empty' }) @MaxLength(100)
  category: string;

  @ApiProperty({ enum: KB_LANGUAGES })
  @IsIn(KB_LANGUAGES, { message: `language ${LANGUAGE_MESSAGE}` })
  language: KbLanguage;

  @ApiPropertyOptional({ type: [String], example: ['принтер', 'чеки'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: ARTICLE_STATUSES, default: 'draft' })
  @IsOptional() @IsIn(ARTICLE_STATUSES, { message: `status must be one of ${ARTICLE_STATUSES.join(', ')}` })
  status?: ArticleStatus;
}

export class UpdateArticleDto extends PartialType(CreateArticleDto) {}

export class ListArticlesQuery {
  @ApiPropertyOptional({ enum: ARTICLE_STATUSES })
  @IsOptional() @IsIn(ARTICLE_STATUSES, { message: `status must be one of ${ARTICLE_STATUSES.join(', ')}` })
  status?: ArticleStatus;

  @ApiPropertyOptional({ enum: KB_LANGUAGES })
  @IsOptional() @IsIn(KB_LANGUAGES, { message: `lang ${LANGUAGE_MESSAGE}` })
  lang?: KbLanguage;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(100)
  category?: string;
}

export class SearchArticlesQuery {
  @ApiProperty({ example: 'не печатает принтер' })
  @IsString() @Matches(NOT_BLANK, { message: 'q must not be empty' }) @MaxLength(200)
  q: string;

  @ApiPropertyOptional({ enum: KB_LANGUAGES, description: 'Only articles in this language (default: both)' })
  @IsOptional() @IsIn(KB_LANGUAGES, { message: `lang ${LANGUAGE_MESSAGE}` })
  lang?: KbLanguage;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit?: number;
}

export class SuggestionsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 3 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10)
  limit?: number;
}

export class ArticleUsedDto {
  @ApiProperty({ description: 'The conversation the article was put into' })
  @Type(() => Number) @IsInt() @Min(1)
  conversationId: number;

  @ApiPropertyOptional({ enum: ARTICLE_USE_KINDS, default: 'link' })
  @IsOptional() @IsIn(ARTICLE_USE_KINDS, { message: `kind must be one of ${ARTICLE_USE_KINDS.join(', ')}` })
  kind?: ArticleUseKind;
}

export class MissedSearchesQuery {
  @ApiPropertyOptional({ description: 'ISO 8601; default: 30 days ago' })
  @IsOptional() @IsString() @IsNotEmpty() @Matches(/^\d{4}-\d{2}-\d{2}/, { message: 'since must be an ISO 8601 date' })
  since?: string;
}
