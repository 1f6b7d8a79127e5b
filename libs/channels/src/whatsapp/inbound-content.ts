export interface LocationLike {
  latitude: number | string;
  longitude: number | string;
  name?: string | null;
  address?: string | null;
}

/** A shared location as text agents can read and open: name, address, coordinates and a map link. */
export function formatLocation(location: LocationLike): string {
  const label = [location.name, location.address].filter((p) => typeof p === 'string' && p.trim()).join(', ');
  const at = `${location.latitude},${location.longitude}`;
  return `Location${label ? `: ${label}` : ''} (${at}) https://maps.google.com/?q=${at}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr',
  'video/mp4': 'mp4', 'video/3gpp': '3gp', 'application/pdf': 'pdf', 'text/plain': 'txt',
};

/** The file's own name when the customer's app sent one, otherwise `<kind>.<extension>` (voice.ogg, image.jpg). */
export function mediaFileName(kind: string, mimeType: string, filename?: string | null): string {
  if (filename && filename.trim()) return filename.trim();
  const base = mimeType.split(';')[0].trim().toLowerCase();
  const label = kind === 'ptt' || kind === 'voice' ? 'voice' : kind || 'file';
  const subtype = base.split('/')[1] ?? '';
  return `${label}.${EXTENSIONS[base] ?? (/^[a-z0-9]{1,5}$/.test(subtype) ? subtype : 'bin')}`;
}

/** A thrown value as readable text (whatsapp-web.js throws plain strings such as 'auth timeout'). */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
