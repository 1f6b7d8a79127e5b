import { useEffect, useState } from 'preact/hooks';
import type { Attachment } from '../api';
import { formatSize } from '../format-time';
import { useT } from '../i18n';
import { useSession } from '../session';

// Raster images only: an SVG can carry script if it is ever opened as a document.
const SHOWN_IMAGES = /^image\/(png|jpeg|gif|webp|avif|bmp)$/i;

/** Saves a customer's file through a blob: fetched with the token, never opened or rendered by the browser. */
function useDownload() {
  const { api } = useSession();
  return async (a: Attachment) => {
    const blob = await api.attachment(a.storageKey!);
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = a.name || 'attachment';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
}

function ImageAttachment({ a, onDownload }: { a: Attachment; onDownload: () => void }) {
  const { api } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    api.attachment(a.storageKey!).then((blob) => {
      if (cancelled) return;
      objectUrl = URL.createObjectURL(new Blob([blob], { type: a.contentType }));
      setUrl(objectUrl);
    }, () => undefined);
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [a.storageKey]);
  return (
    <button type="button" class="att att-image" title={`${a.name} · ${formatSize(a.size)}`} onClick={onDownload}>
      {url ? <img src={url} alt={a.name} /> : <bdi class="att-loading">{a.name}</bdi>}
    </button>
  );
}

export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  const t = useT();
  const download = useDownload();
  return (
    <div class="attachments">
      {attachments.map((a, i) => {
        if (!a.storageKey) return <span key={i} class="att att-missing" title={a.note}><bdi>{a.name}</bdi> — {a.note ?? t.notStored}</span>;
        if (SHOWN_IMAGES.test(a.contentType)) return <ImageAttachment key={i} a={a} onDownload={() => download(a)} />;
        return (
          <button key={i} type="button" class="att att-file" title={t.download} onClick={() => download(a)}>
            <span aria-hidden="true">⬇</span> <bdi>{a.name}</bdi> <small>{formatSize(a.size)}</small>
          </button>
        );
      })}
    </div>
  );
}
