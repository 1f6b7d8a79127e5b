import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in the Markdown is not passed through: authors write Markdown, and what renders is sanitised again anyway.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
    'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'data'] },
  // Links leave the help center in a way that hands the target no reference back.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/** An article's Markdown as HTML safe to put in a page: rendered, then sanitised to a fixed set of tags. */
export function renderArticleHtml(source: string): string {
  return sanitizeHtml(markdown.render(source), ALLOWED);
}

/** The words a reader sees, without markup: what is indexed, highlighted and inserted into a reply. */
export function articlePlainText(source: string): string {
  const html = markdown.render(source).replace(/<\/(p|h[1-6]|li|pre|blockquote|tr)>/g, '$&\n');
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}
