import { escapeHtml } from '@app/knowledge';
import type { ArticleView, SearchHitView } from '@app/knowledge';

/** The help center's pages: server-rendered HTML, no script, one stylesheet, readable from 320 px up. */

export const HELP_CSP = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

export type HelpLanguage = 'ru' | 'en';

const TEXT = {
  ru: {
    title: 'Справочный центр', search: 'Найти', placeholder: 'Опишите вопрос', categories: 'Разделы', results: 'Результаты поиска',
    nothing: 'Ничего не нашлось. Попробуйте другие слова или напишите нам в чат.', corrected: 'Показаны результаты для', updated: 'Обновлено',
    back: 'Все разделы', articles: (n: number) => `${n} ${plural(n, 'статья', 'статьи', 'статей')}`,
  },
  en: {
    title: 'Help center', search: 'Search', placeholder: 'Describe your question', categories: 'Topics', results: 'Search results',
    nothing: 'Nothing found. Try other words or write to us in the chat.', corrected: 'Showing results for', updated: 'Updated',
    back: 'All topics', articles: (n: number) => `${n} article${n === 1 ? '' : 's'}`,
  },
} as const;

function plural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const dd = n % 100;
  return d === 1 && dd !== 11 ? one : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? few : many;
}


const categoryHref = (name: string, lang: HelpLanguage) => `/help?lang=${lang}&amp;category=${encodeURIComponent(name)}`;

function layout(lang: HelpLanguage, title: string, query: string, main: string): string {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/help/help.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="top">
<a class="brand" href="/help?lang=${lang}">${t.title}</a>
<nav class="langs"><a href="/help?lang=ru"${lang === 'ru' ? ' aria-current="true"' : ''}>RU</a> <a href="/help?lang=en"${lang === 'en' ? ' aria-current="true"' : ''}>EN</a></nav>
<form class="search" action="/help" method="get" role="search">
<input type="hidden" name="lang" value="${lang}">
<input type="search" name="q" value="${escapeHtml(query)}" placeholder="${t.placeholder}" aria-label="${t.placeholder}" maxlength="200">
<button type="submit">${t.search}</button>
</form>
</header>
<main>
${main}
</main>
</body>
</html>`;
}

export function homePage(lang: HelpLanguage, categories: Array<{ name: string; count: number }>): string {
  const t = TEXT[lang];
  const items = categories.map((c) => `<li><a href="${categoryHref(c.name, lang)}">${escapeHtml(c.name)}</a> <span class="count">${t.articles(c.count)}</span></li>`).join('\n');
  return layout(lang, t.title, '', `<h1>${t.categories}</h1>\n<ul class="categories">\n${items}\n</ul>`);
}

export function categoryPage(lang: HelpLanguage, category: string, articles: ArticleView[]): string {
  const t = TEXT[lang];
  const items = articles.map((a) => `<li><a href="${a.helpUrl}">${escapeHtml(a.title)}</a></li>`).join('\n');
  return layout(lang, `${category} · ${t.title}`, '', `<p class="crumbs"><a href="/help?lang=${lang}">${t.back}</a></p>\n<h1>${escapeHtml(category)}</h1>\n<ul class="articles">\n${items}\n</ul>`);
}

/** `titleHtml` and `snippetHtml` come escaped from the search, with only `<mark>` added. */
export function searchPage(lang: HelpLanguage, query: string, hits: SearchHitView[], correctedQuery: string | null): string {
  const t = TEXT[lang];
  const corrected = correctedQuery ? `<p class="corrected">${t.corrected} «${escapeHtml(correctedQuery)}»</p>\n` : '';
  const items = hits.map((h) => `<li class="hit"><a href="${h.article.helpUrl}">${h.titleHtml}</a><p>${h.snippetHtml}</p><span class="count">${escapeHtml(h.article.category)}</span></li>`).join('\n');
  const body = hits.length ? `<ol class="results">\n${items}\n</ol>` : `<p class="nothing">${t.nothing}</p>`;
  return layout(lang, `${query} · ${t.title}`, query, `<h1>${t.results}</h1>\n${corrected}${body}`);
}

export function articlePage(article: ArticleView): string {
  const lang = article.language;
  const t = TEXT[lang];
  const updated = article.updatedAt.slice(0, 10);
  return layout(lang, `${article.title} · ${t.title}`, '', `<p class="crumbs"><a href="/help?lang=${lang}">${t.back}</a> › <a href="${categoryHref(article.category, lang)}">${escapeHtml(article.category)}</a></p>
<article>
<h1>${escapeHtml(article.title)}</h1>
<div class="body">${article.bodyHtml}</div>
<p class="updated">${t.updated} <time datetime="${article.updatedAt}">${updated}</time></p>
</article>`);
}

export const HELP_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f6f7f9;overflow-wrap:anywhere}
.top{background:#24324a;color:#fff;padding:12px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
.top a{color:#fff;text-decoration:none}
.brand{font-weight:600;font-size:18px;flex:1}
.langs a{opacity:.7;padding:4px}.langs a[aria-current]{opacity:1;text-decoration:underline}
.search{display:flex;gap:8px;width:100%}
.search input[type=search]{flex:1;min-width:0;font:inherit;padding:10px 12px;border:0;border-radius:8px}
.search button{font:inherit;padding:10px 14px;border:0;border-radius:8px;background:#4f8cff;color:#fff}
main{max-width:760px;margin:0 auto;padding:16px}
h1{font-size:24px;line-height:1.25;margin:8px 0 16px}
ul.categories,ul.articles,ol.results{list-style:none;padding:0;margin:0}
.categories li,.articles li,.results li{background:#fff;border-radius:10px;padding:14px 16px;margin-bottom:10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.categories a,.articles a,.results a{font-weight:600;color:#1b4fb8;text-decoration:none}
.results p{margin:6px 0}
.count{display:block;color:#6b7280;font-size:14px}
mark{background:#ffe58a;color:inherit;padding:0 1px;border-radius:2px}
.crumbs{font-size:14px;color:#6b7280}.crumbs a{color:#1b4fb8}
article{background:#fff;border-radius:10px;padding:16px}
article img{max-width:100%;height:auto}
article pre{overflow-x:auto;background:#f1f3f6;padding:10px;border-radius:6px}
article table{display:block;overflow-x:auto;border-collapse:collapse}
article td,article th{border:1px solid #dde1e7;padding:6px 8px}
.updated,.corrected,.nothing{color:#6b7280;font-size:14px}
`;
