// The two packages ship no types; these are the parts the knowledge base calls.
declare module 'snowball-stemmers' {
  export interface Stemmer { stem(word: string): string }
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
}

declare module 'markdown-it' {
  interface Options { html?: boolean; linkify?: boolean; typographer?: boolean; breaks?: boolean }
  class MarkdownIt {
    constructor(options?: Options);
    render(source: string): string;
  }
  export default MarkdownIt;
}
