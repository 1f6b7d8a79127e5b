import { Controller, Get, Headers, Param, ParseIntPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, Throttle } from '@nestjs/throttler';
import { PublicThrottlerGuard, VISITOR_LIMIT, WEBCHAT_ADDRESS_LIMIT } from './rate-limits';
import { Response } from 'express';
import { Public } from '@app/agents';
import { ArticlesService, KbSearchService } from '@app/knowledge';
import { HelpPageQuery, HelpSearchQuery } from './dto/help-center.dto';
import { articlePage, categoryPage, HELP_CSP, HELP_CSS, HelpLanguage, homePage, searchPage } from './help-center.page';

const SEARCH_LIMIT = 20;

/** The public help center: published articles only, no token, rate-limited like the web chat. */
@ApiTags('help center')
@Public()
@UseGuards(PublicThrottlerGuard)
// Only the `default` limit (per address, set per route below): the web chat's visitor limits are not for reading articles.
@SkipThrottle({ [VISITOR_LIMIT]: true, [WEBCHAT_ADDRESS_LIMIT]: true })
@Controller('help')
export class HelpCenterController {
  constructor(private readonly articles: ArticlesService, private readonly searches: KbSearchService) {}

  @Get()
  @ApiExcludeEndpoint()
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  async home(@Query() query: HelpPageQuery, @Headers('accept-language') acceptLanguage: string | undefined, @Res() res: Response) {
    const lang = query.lang ?? preferredLanguage(acceptLanguage);
    if (query.q?.trim()) {
      const found = await this.searches.search({ query: query.q, limit: SEARCH_LIMIT, source: 'help' });
      return sendPage(res, searchPage(lang, query.q.trim(), found.items, found.correctedQuery));
    }
    if (query.category) {
      return sendPage(res, categoryPage(lang, query.category, await this.articles.list({ status: 'published', language: lang, category: query.category })));
    }
    return sendPage(res, homePage(lang, await this.articles.categories(lang)));
  }

  @Get('help.css')
  @ApiExcludeEndpoint()
  stylesheet(@Res() res: Response) {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css; charset=utf-8').send(HELP_CSS);
  }

  @Get('articles/:id')
  @ApiExcludeEndpoint()
  async article(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    sendPage(res, articlePage(await this.articles.get(id, { publishedOnly: true })));
  }

  @Get('api/search')
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiOperation({ summary: 'Search published articles (no token); matches in <mark>' })
  async search(@Query() query: HelpSearchQuery) {
    const found = await this.searches.search({ query: query.q, language: query.lang, limit: query.limit ?? 10, source: 'help' });
    return {
      correctedQuery: found.correctedQuery,
      items: found.items.map((h) => ({ ...publicArticle(h.article), titleHtml: h.titleHtml, snippetHtml: h.snippetHtml })),
    };
  }

  @Get('api/articles/:id')
  @ApiOperation({ summary: 'A published article (no token); drafts answer 404' })
  async publishedArticle(@Param('id', ParseIntPipe) id: number) {
    return publicArticle(await this.articles.get(id, { publishedOnly: true }));
  }

  @Get('api/categories')
  @ApiOperation({ summary: 'Categories of published articles with their counts (no token)' })
  async categories(@Query() query: HelpPageQuery) {
    return { items: await this.articles.categories(query.lang) };
  }
}

/** What customers may see of an article: no authors, versions or Markdown source. */
function publicArticle(a: { id: number; title: string; bodyHtml: string; category: string; language: string; tags: string[]; updatedAt: string; helpUrl: string }) {
  return { id: a.id, title: a.title, bodyHtml: a.bodyHtml, category: a.category, language: a.language, tags: a.tags, updatedAt: a.updatedAt, url: a.helpUrl };
}

function preferredLanguage(acceptLanguage: string | undefined): HelpLanguage {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'ru';
}

function sendPage(res: Response, html: string): void {
  res.setHeader('Content-Security-Policy', HELP_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-cache');
  res.type('text/html; charset=utf-8').send(html);
}
