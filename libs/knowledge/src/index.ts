export * from './article-search-index';
export * from './articles.service';
export * from './entities';
export * from './kb-search.service';
export * from './kb-views';
export * from './knowledge.module';
export * from './search-text.util';
export * from './suggestions.service';
