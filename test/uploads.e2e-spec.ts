import request from 'supertest';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, rmSync, utimesSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadSweeper } from '../apps/inbox/src/api/upload-sweeper';
import { ADMIN_TOKEN, startTestApp, TestApp, WEBCHAT_ONLY } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
function binary(response: unknown, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('agent uploads', () => {
  let t: TestApp;
  const uploadsDir = () => join(t.config.dataDir, 'uploads');
  const upload = (data: Buffer, filename = 'file.bin') => request(t.url).post('/api/attachments').set(auth).attach('file', data, { filename, contentType: 'application/octet-stream' });

  beforeEach(async () => {
    t = await startTestApp({ configYaml: `${WEBCHAT_ONLY}attachments:\n  maxSize: 4MB\n` });
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('streams an upload to disk under its SHA-256 and serves it back unchanged', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    data.write('start of the file');
    const res = await upload(data, 'big.bin').expect(201);
    expect(res.body).toMatchObject({ storageKey: sha256(data), size: data.length, name: 'big.bin' });
    expect(sha256(readFileSync(join(uploadsDir(), sha256(data))))).toBe(sha256(data));
    const back = await request(t.url).get(`/api/attachments/${res.body.storageKey}`).set(auth).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(back.body as Buffer, data)).toBe(0);
  });

  it('never holds an upload in memory: a 128 MB file raises the buffer memory by less than half of it', async () => {
    await t.destroy();
    t = await startTestApp({ configYaml: `${WEBCHAT_ONLY}attachments:\n  maxSize: 200MB\n` });
    const path = join(tmpdir(), `upload-${process.pid}.bin`);
    const chunk = Buffer.alloc(1024 * 1024, 3);
    const fd = openSync(path, 'w');
    for (let i = 0; i < 128; i++) writeSync(fd, chunk); // never 128 MB in this process's memory
    closeSync(fd);
    try {
      const baseline = process.memoryUsage().arrayBuffers;
      let peak = baseline;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().arrayBuffers); }, 5);
      // The client streams the file from disk too. Streamed chunks are garbage until the next collection (V8 collects
      // at a few tens of MB of them); a buffered upload would hold all 128 MB at once.
      const res = await request(t.url).post('/api/attachments').set(auth).attach('file', createReadStream(path), { filename: 'big.bin' }).expect(201);
      clearInterval(sampler);
      expect(res.body.size).toBe(128 * 1024 * 1024);
      expect(peak - baseline).toBeLessThan(64 * 1024 * 1024);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('refuses a file over attachments.maxSize with 413 and leaves nothing on disk', async () => {
    const res = await upload(Buffer.alloc(4 * 1024 * 1024 + 1, 1)).expect(413);
    expect(res.body.message).toMatch(/too large/i);
    expect(existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []).toEqual([]);
    await upload(Buffer.alloc(4 * 1024 * 1024, 2)).expect(201); // exactly the limit is allowed
  });

  it('removes uploads no reply attached within a day, keeps attached and recent ones, and sweeps idempotently', async () => {
    const sent = await (await visitor(t.url, 'visitor-upload-01')).send({ text: 'a file please', clientMessageId: 'u1' }).expect(201);
    const attached = (await upload(Buffer.from('attached to a reply'), 'a.txt').expect(201)).body.storageKey as string;
    const forgotten = (await upload(Buffer.from('uploaded and forgotten'), 'b.txt').expect(201)).body.storageKey as string;
    const recent = (await upload(Buffer.from('uploaded a minute ago'), 'c.txt').expect(201)).body.storageKey as string;
    await request(t.url).post(`/api/conversations/${sent.body.conversationId}/messages`).set(auth)
      .send({ body: 'here', attachments: [{ storageKey: attached, name: 'a.txt', contentType: 'text/plain' }] }).expect(201);

    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(join(uploadsDir(), forgotten), twoDaysAgo, twoDaysAgo);
    const sweeper = t.app.get(UploadSweeper);
    // Two processes sweeping at once remove the file once between them, and neither fails.
    const removed = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    expect(removed[0] + removed[1]).toBe(1);
    expect(await sweeper.sweep()).toBe(0);

    await request(t.url).get(`/api/attachments/${forgotten}`).set(auth).expect(404);
    await request(t.url).get(`/api/attachments/${recent}`).set(auth).expect(200);
    await request(t.url).get(`/api/attachments/${attached}`).set(auth).expect(200);
    // The forgotten key can no longer be attached.
    const late = await request(t.url).post(`/api/conversations/${sent.body.conversationId}/messages`).set(auth)
      .send({ body: 'late', attachments: [{ storageKey: forgotten, name: 'b.txt', contentType: 'text/plain' }] }).expect(400);
    expect(late.body.fields).toEqual(['attachments.0.storageKey']);
  });
});
