import sanitizeHtml from 'sanitize-html';

const COLOR = [/^#[0-9a-f]{3,8}$/i, /^[a-z]{3,20}$/i, /^rgba?\(\s*[\d.%]+\s*(,\s*[\d.%]+\s*){2,3}\)$/i];
const LENGTH = [/^\d+(\.\d+)?(px|pt|em|rem|%)?$/];

/** What an agent may see of a customer's HTML: formatting, tables, links and embedded images, nothing active. */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt',
    'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 'q', 's', 'small',
    'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul',
  ],
  // Never: script, style, link, meta, base, iframe, object, embed, form, input, button, select, textarea, svg, math.
  nonTextTags: ['script', 'style', 'title', 'head', 'textarea', 'option', 'select', 'button', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  disallowedTagsMode: 'discard',
  allowedAttributes: {
    a: ['href', 'title', 'name', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    table: ['width', 'border', 'cellpadding', 'cellspacing', 'align'],
    font: ['color', 'size', 'face'],
    ol: ['start', 'type'],
    '*': ['style', 'dir', 'lang', 'align'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Images only from inside the mail (inline parts, which the parser turns into data: URIs); nothing remote.
  allowedSchemesByTag: { img: ['data', 'cid'] },
  allowProtocolRelative: false,
  // Only inert properties with plain values: no url(), expression() or positioning tricks.
  allowedStyles: {
    '*': {
      color: COLOR,
      'background-color': COLOR,
      'text-align': [/^(left|right|center|justify)$/i],
      'text-decoration': [/^[a-z -]+$/i],
      'font-weight': [/^(normal|bold|bolder|lighter|\d{3})$/i],
      'font-style': [/^(normal|italic|oblique)$/i],
      'font-size': LENGTH,
      width: LENGTH,
      'vertical-align': [/^(top|middle|bottom|baseline)$/i],
    },
  },
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
    // A remote image (a tracking pixel, a logo) is not loaded: it is left out.
    img: (tagName, attribs) => ({ tagName, attribs: isEmbedded(attribs.src) ? attribs : {} }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

function isEmbedded(src: string | undefined): boolean {
  return !!src && /^(data:image\/|cid:)/i.test(src.trim());
}

/** Sanitises a mail's HTML with an allow-list before any agent sees it: no scripts, handlers, forms or remote content. */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
