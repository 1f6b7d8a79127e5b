import { useRef } from 'preact/hooks';

const FRAME_STYLE = `<style>
html,body{margin:0;padding:0;background:transparent}
body{font:14px/1.45 system-ui,sans-serif;color:#1d2330;overflow-wrap:anywhere}
img{max-width:100%;height:auto}table{max-width:100%}
blockquote{margin:6px 0;padding-left:10px;border-left:3px solid #cfd5e2;color:#5a6275}
a{color:#2b5cd6}
</style>`;

/**
 * E-mail HTML (sanitised by the server) in a frame that may run no script, so even a sanitiser bug cannot act in
 * our origin; the page's CSP also keeps it from loading anything from elsewhere (no tracking pixels).
 * The frame shares our origin only so that we can fit its height and open its links in a new tab.
 */
export function EmailBody({ html }: { html: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (!doc || !frame.current) return;
    doc.querySelectorAll('a[href]').forEach((a) => {
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    });
    frame.current.style.height = `${Math.min(doc.documentElement.scrollHeight + 2, 2000)}px`;
  };
  return (
    <iframe ref={frame} class="email-body" title="e-mail" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      srcdoc={`<!doctype html><meta charset="utf-8">${FRAME_STYLE}${html}`} onLoad={fit} />
  );
}
