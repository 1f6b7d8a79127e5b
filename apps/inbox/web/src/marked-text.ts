/** One run of text from a search highlight, and whether the search matched it. */
export interface MarkedPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Reads the server's highlight HTML (escaped text with `<mark>` around matches) into runs of plain text, so the page
 * renders them as text nodes and never as HTML.
 */
export function markedParts(html: string): MarkedPart[] {
  return html.split(/(<mark>[^<]*<\/mark>)/).filter(Boolean).map((piece) => {
    const marked = piece.startsWith('<mark>');
    const inner = marked ? piece.slice(6, -7) : piece;
    return { text: inner.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]), marked };
  });
}
