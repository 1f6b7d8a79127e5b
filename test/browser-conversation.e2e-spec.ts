import request from 'supertest';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { IngestService } from '@app/conversations';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { ScriptedChannel, scriptedChannelType } from './support/scripted-channel';
import { ADMIN_TOKEN, eventually } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
// The chat channel is a scripted peer of its own type whose sends follow a script; the Telegram bot and the mailbox
// are disabled (their messages are stored here the way their adapters store them), so no outside account is needed.
const CONFIG = `channels:
  - id: chat
    type: scripted
    name: Сайт
  - id: support-bot
    type: telegram
    name: Бот поддержки
    enabled: false
    token: "123456:TEST-token"
  - id: mail
    type: email
    name: support@example.com
    enabled: false
    address: support@example.com
    imap: { host: 127.0.0.1, user: support, password: secret }
    smtp: { host: 127.0.0.1 }
policies:
  email:
    autoAcknowledge: { enabled: false }
outbox:
  maxAttempts: 1
  retryBaseMs: 50
  pollMs: 50
`;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** A real PNG (a blue-to-green gradient) so the browser has something to decode. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([40, Math.round((255 * x) / width), Math.round((255 * y) / height)], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('a conversation in the web inbox', () => {
  const bed = browserTestBed();

  it('shows the contact\'s history across channels, files safely, sandboxed e-mail, long replies in parts, and a failed reply with a retry', async () => {
    const webchat = new ScriptedChannel('chat', ['permanent:the visitor closed the chat']);
    const t = await bed.startApp({ configYaml: CONFIG, channelTypes: [scriptedChannelType(webchat)] });
    const ingest = t.app.get(IngestService);
    const store = t.app.get(AttachmentStore);

    // One customer on three channels: an e-mail last week, Telegram with files, the web chat now.
    const photo = png(320, 200);
    const invoice = Buffer.from('%PDF-1.4\n% счёт 4521\n');
    const page = Buffer.from('<script>parent.pwned = "attachment"</script><h1>not to be rendered</h1>');
    const mail = await ingest.ingest({
      channelId: 'mail', externalId: '<order-4521@example.net>', sender: { externalId: 'maria@example.net', name: 'Мария Соколова' },
      subject: 'Заказ 4521 не пришёл',
      text: 'Здравствуйте! Заказ 4521 так и не пришёл.',
      // As if the sanitiser had let script through: the frame must still run none of it.
      html: '<p>Здравствуйте! Заказ <b>4521</b> так и не пришёл.</p><blockquote>Ваш заказ отправлен</blockquote>'
        + '<img src="x" onerror="parent.pwned = \'onerror\'"><script>parent.pwned = "script"</script><a href="https://example.net/track">трек</a>',
    });
    const telegram = await ingest.ingest({
      channelId: 'support-bot', externalId: '777:10', sender: { externalId: '777', name: 'Мария' }, text: 'Вот фото посылки и счёт',
      attachments: [
        { name: 'посылка.png', contentType: 'image/png', size: photo.length, storageKey: await store.save(photo) },
        { name: 'счёт.pdf', contentType: 'application/pdf', size: invoice.length, storageKey: await store.save(invoice) },
        { name: 'page.html', contentType: 'text/html', size: page.length, storageKey: await store.save(page) },
        { name: 'video.mp4', contentType: 'video/mp4', size: 80_000_000, note: 'not stored: over the size limit' },
      ],
    });
    const received = await webchat.receive({ externalId: 'chat-1', sender: { externalId: 'visitor-maria-01', name: 'Мария' }, text: 'Есть новости по заказу?' });
    if (received.quarantined) throw new Error('the chat message was set aside');
    const chat = { body: received };
    const url = t.url;
    const contactOf = async (id: number) => (await request(url).get(`/api/conversations/${id}`).set(auth)).body.contact.id;
    const contactId = await contactOf(chat.body.conversationId);
    await request(t.url).post(`/api/contacts/${contactId}/merge`).set(auth).send({ contactId: await contactOf(telegram.conversationId) }).expect(200);
    await request(t.url).post(`/api/contacts/${contactId}/merge`).set(auth).send({ contactId: await contactOf(mail.conversationId) }).expect(200);

    const browser = await bed.launchBrowser();
    const agent = await browser.newPage();
    await signIn(agent, t.url, ADMIN_TOKEN, `/?c=${chat.body.conversationId}`);

    // The whole history, oldest conversation first, each under its channel.
    await agent.locator('.msg-in', { hasText: 'Есть новости по заказу?' }).waitFor();
    const groups = await agent.locator('.group').evaluateAll((els) => els.map((el) => [
      Number(el.getAttribute('data-group')), el.querySelector('[data-channel-type]')?.getAttribute('data-channel-type'), el.classList.contains('current'),
    ]));
    expect(groups).toEqual([[mail.conversationId, 'email', false], [telegram.conversationId, 'telegram', false], [chat.body.conversationId, 'scripted', true]]);
    await expect(agent.locator('.identities').textContent()).resolves.toContain('maria@example.net');

    // E-mail HTML: shown in a frame that runs no script; the page's own origin is untouched.
    const frame = agent.locator(`.group[data-group="${mail.conversationId}"] iframe.email-body`);
    await expect(frame.getAttribute('sandbox')).resolves.not.toContain('allow-scripts');
    await agent.frameLocator(`.group[data-group="${mail.conversationId}"] iframe.email-body`).locator('b', { hasText: '4521' }).waitFor();
    await agent.waitForTimeout(300);
    expect(await agent.evaluate('window.pwned')).toBeUndefined();

    // Files: the image is shown from a blob fetched with the token; other files are only ever downloaded.
    const image = agent.locator('.att-image img');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    expect(await image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(320);
    expect(await agent.locator('.att-file').allTextContents()).toEqual([expect.stringContaining('счёт.pdf'), expect.stringContaining('page.html')]);
    await expect(agent.locator('.att-missing').textContent()).resolves.toContain('not stored: over the size limit');
    const pagesBefore = browser.context.pages().length;
    for (const [name, bytes] of [['счёт.pdf', invoice], ['page.html', page]] as const) {
      const [download] = await Promise.all([agent.waitForEvent('download'), agent.locator('.att-file', { hasText: name }).click()]);
      expect(download.suggestedFilename()).toBe(name);
      expect(readFileSync(await download.path())).toEqual(bytes);
    }
    expect(browser.context.pages().length).toBe(pagesBefore);
    expect(await agent.evaluate('window.pwned')).toBeUndefined();
    await screenshot(agent, 'conversation-history');

    // A reply the channel refuses: the reason and a retry button; the retry goes through.
    await agent.fill('textarea[name=reply]', 'Мария, заказ передан курьеру, сегодня привезут.');
    await agent.press('textarea[name=reply]', 'Enter');
    const failure = agent.locator('.group.current .msg-out .msg-error.failed');
    await failure.waitFor({ timeout: 5000 });
    await expect(failure.locator('.reason').textContent()).resolves.toBe('the visitor closed the chat');
    await expect(agent.locator('.group.current .msg-out [data-delivery]').textContent()).resolves.toBe('не доставлено');
    await screenshot(agent, 'conversation-failed-reply');
    await failure.getByRole('button', { name: 'Повторить' }).click();
    await agent.locator('.group.current .msg-out [data-delivery=sent]').waitFor({ timeout: 5000 });
    await expect(failure.count()).resolves.toBe(0);
    expect(webchat.sent.map((m) => m.text)).toEqual(['Мария, заказ передан курьеру, сегодня привезут.']);

    // A reply with a file: picked in the reply box, uploaded, sent with the message, listed under it.
    await agent.setInputFiles('input[name=attach]', { name: 'инструкция.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 guide') });
    await agent.locator('.picked-files li', { hasText: 'инструкция.pdf' }).waitFor();
    await agent.fill('textarea[name=reply]', 'Инструкция во вложении');
    await agent.press('textarea[name=reply]', 'Enter');
    await agent.locator('.group.current .msg-out', { hasText: 'Инструкция во вложении' }).locator('text=инструкция.pdf').waitFor({ timeout: 5000 });
    await expect(agent.locator('.picked-files li').count()).resolves.toBe(0);
    await eventually(() => expect(webchat.sent).toHaveLength(2));
    expect(webchat.sent[1].attachments?.map((a) => [a.name, a.contentType, a.data.toString()])).toEqual([['инструкция.pdf', 'application/pdf', '%PDF-1.4 guide']]);

    // Telegram: a reply over 4096 characters says in how many messages it will go out.
    await agent.goto(`${t.url}/?c=${telegram.conversationId}`);
    await agent.locator('.msg-in', { hasText: 'Вот фото посылки' }).waitFor();
    await agent.fill('textarea[name=reply]', 'Подробная инструкция. '.repeat(250));
    await expect(agent.locator('.parts').textContent()).resolves.toBe('Длиннее 4096 символов: уйдёт 2 частями.');
    await agent.fill('textarea[name=reply]', 'Коротко');
    await agent.locator('.parts').waitFor({ state: 'detached' }); // the hint goes on the next render once the text is short

    // E-mail: plain text, Enter is a new line, Ctrl+Enter sends.
    await agent.goto(`${t.url}/?c=${mail.conversationId}`);
    await agent.getByText('Ответ на письмо уходит простым текстом.').waitFor();
    await agent.locator('textarea[name=reply]').click();
    await agent.keyboard.type('Здравствуйте, Мария!');
    await agent.keyboard.press('Enter');
    await agent.keyboard.type('Заказ у курьера.');
    await expect(agent.locator('textarea[name=reply]').inputValue()).resolves.toBe('Здравствуйте, Мария!\nЗаказ у курьера.');
    await agent.keyboard.press('Control+Enter');
    await agent.locator('.msg-out .msg-text', { hasText: 'Заказ у курьера.' }).waitFor();
    const sent = (await request(t.url).get(`/api/conversations/${mail.conversationId}/messages`).set(auth)).body.items;
    expect(sent.at(-1)).toMatchObject({ direction: 'out', body: 'Здравствуйте, Мария!\nЗаказ у курьера.', bodyHtml: null });
    // The only complaints are the browser refusing the e-mail's script and its image from a URL (the page's CSP).
    const refused = (e: string) => e.includes("Blocked script execution in 'about:srcdoc'") || /image 'http:\/\/127\.0\.0\.1:\d+\/x' violates .*img-src/.test(e);
    expect(browser.errors.filter((e) => !refused(e))).toEqual([]);
    expect(browser.errors.filter((e) => e.includes('Blocked script execution')).length).toBeGreaterThan(0);
  });
});
