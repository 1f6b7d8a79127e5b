import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/agents';
import { InvalidRequestError } from '@app/conversations';
import { ArticlesService, KB_PERMISSION, KbSearchService, SuggestionsService } from '@app/knowledge';
import { Clock } from '@app/platform/clock/clock';
import { CurrentAgent } from './current-agent.decorator';
import { ArticleUsedDto, CreateArticleDto, ListArticlesQuery, MissedSearchesQuery, SearchArticlesQuery, SuggestionsQuery, UpdateArticleDto } from './dto/knowledge.dto';

const MISSES_WINDOW_MS = 30 * 24 * 3600_000;

/** The knowledge base for agents: articles (ops and `kb` agents write, everyone reads), search, suggestions. */
@ApiTags('knowledge base')
@ApiBearerAuth()
@Controller('api')
export class KnowledgeController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly searches: KbSearchService,
    private readonly suggestions: SuggestionsService,
    private readonly clock: Clock,
  ) {}

  @Get('kb/articles')
  @ApiOperation({ summary: 'Every article, drafts too, last updated first' })
  async list(@Query() query: ListArticlesQuery) {
    return { items: await this.articles.list({ status: query.status, language: query.lang, category: query.category }) };
  }

  @Post('kb/articles')
  @ApiOperation({ summary: 'Write an article (ops, or agents with the kb permission); a draft unless status is published' })
  async create(@Body() dto: CreateArticleDto, @CurrentAgent() me: Principal) {
    await this.assertCanWrite(me);
    return this.articles.create(dto, me.agentId);
  }

  @Get('kb/articles/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.articles.get(id);
  }

  @Patch('kb/articles/:id')
  @ApiOperation({ summary: 'Change an article; the previous title, body and status are kept in its history' })
  async update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateArticleDto, @CurrentAgent() me: Principal) {
    await this.assertCanWrite(me);
    return this.articles.update(id, dto, me.agentId);
  }

  @Delete('kb/articles/:id')
  @HttpCode(204)
  async remove(@Param('id', ParseIntPipe) id: number, @CurrentAgent() me: Principal) {
    await this.assertCanWrite(me);
    await this.articles.remove(id);
  }

  @Get('kb/articles/:id/history')
  @ApiOperation({ summary: 'Each save of the article, newest first: who, when, the title, body and status before it' })
  async history(@Param('id', ParseIntPipe) id: number) {
    return { items: await this.articles.history(id) };
  }

  @Post('kb/articles/:id/used')
  @HttpCode(204)
  @ApiOperation({ summary: 'Record that an agent put the article (its link or text) into a reply of the conversation' })
  async used(@Param('id', ParseIntPipe) id: number, @Body() dto: ArticleUsedDto, @CurrentAgent() me: Principal) {
    await this.articles.recordUse(id, dto.conversationId, me.agentId, dto.kind ?? 'link');
  }

  @Get('kb/search')
  @ApiOperation({ summary: 'Published articles by relevance, with stemming (Russian and English) and typo tolerance; matches in <mark>' })
  search(@Query() query: SearchArticlesQuery) {
    return this.searches.search({ query: query.q, language: query.lang, limit: query.limit ?? 10, source: 'agents' });
  }

  @Get('kb/searches/missed')
  @Roles('ops')
  @ApiOperation({ summary: 'Searches that found nothing (agents and the help center), most asked first: what to write next' })
  async missed(@Query() query: MissedSearchesQuery) {
    const since = query.since ? new Date(query.since) : new Date(this.clock.now().getTime() - MISSES_WINDOW_MS);
    if (Number.isNaN(since.getTime())) throw new InvalidRequestError('since', 'is not a date');
    return { items: await this.searches.misses(since, 100) };
  }

  @Get('conversations/:id/suggestions')
  @ApiOperation({ summary: "Articles that best match the customer's last messages, in their language when it can be told" })
  forConversation(@Param('id', ParseIntPipe) id: number, @Query() query: SuggestionsQuery) {
    return this.suggestions.forConversation(id, query.limit ?? 3);
  }

  private async assertCanWrite(me: Principal): Promise<void> {
    if (!(await this.articles.canWrite(me))) throw new ForbiddenException(`writing articles needs the role ops or the ${KB_PERMISSION} permission`);
  }
}
