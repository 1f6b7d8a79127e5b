import { Global, Module } from '@nestjs/common';
import { ArticleSearchIndex } from './article-search-index';
import { ArticlesService } from './articles.service';
import { BotSettingsRegistry } from './bot/bot-settings.service';
import { BotHook } from './bot/bot.hook';
import { KbSearchService } from './kb-search.service';
import { KnowledgeReports } from './knowledge-report.service';
import { SuggestionsService } from './suggestions.service';

const services = [ArticleSearchIndex, ArticlesService, KbSearchService, SuggestionsService, BotSettingsRegistry, BotHook, KnowledgeReports];

/** The knowledge base: articles, search, suggestions; reads conversations through their queries. */
@Global()
@Module({ providers: services, exports: services })
export class KnowledgeModule {}
