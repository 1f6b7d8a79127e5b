import { linkify } from '../linkify';

/** Text with its http(s) addresses clickable: opened in a new tab, with no opener and no referrer. */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) => (part.href
        ? <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">{part.text}</a>
        : part.text))}
    </>
  );
}
