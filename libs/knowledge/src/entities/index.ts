export * from './kb-article.entity';
export * from './kb-article-revision.entity';
export * from './kb-article-use.entity';
export * from './kb-search-miss.entity';
