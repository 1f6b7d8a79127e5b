/** A supertest parser that keeps the response body as bytes (a PNG, a downloaded file): `.buffer(true).parse(binary)`. */
export function binary(response: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
