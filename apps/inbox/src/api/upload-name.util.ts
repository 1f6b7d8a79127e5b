/**
 * Multer hands over a multipart file name as Latin-1 even when the browser sent UTF-8 bytes, so
 * "инструкция.pdf" arrives as mojibake. Re-read it as UTF-8 when that gives valid text; a name that
 * already holds characters beyond Latin-1 was decoded properly and is kept.
 */
export function decodeUploadName(name: string): string {
  if (/[^\u0000-\u00ff]/.test(name)) return name;
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? name : utf8;
}
