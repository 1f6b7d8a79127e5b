import request from 'supertest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_CHANNEL_TYPES } from '@app/channels';
import { ConfigError } from '@app/platform/config';
import { loadAppConfig } from '../apps/inbox/src/load-app-config';
import { browserTestBed, signIn } from './support/browser';
import { configYaml, FAST_OUTBOX, scriptedChannel } from './support/config-yaml';
import { ScriptedChannel, scriptedChannelType } from './support/scripted-channel';
import { ADMIN_TOKEN, eventually } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = configYaml({ channels: [scriptedChannel({ name: 'Партнёрский канал', secret: 'peer-secret-1' })], outbox: FAST_OUTBOX });

// A channel type that exists only in this test: its folder (test/support/scripted-channel) and the one line
// `channelTypes: [scriptedChannelType(peer)]`. Nothing in apps/ or libs/ names it.
describe('a channel type registered by a test', () => {
  const bed = browserTestBed();

  it('is validated by its own schema at boot, typos included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plugin-config-'));
    try {
      writeFileSync(join(dir, 'config.yaml'), 'channels:\n  - id: peer\n    type: scripted\n    secrt: x\n');
      const load = () => loadAppConfig({ INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}` }, dir, BUILTIN_CHANNEL_TYPES.with(scriptedChannelType()));
      expect(load).toThrow(ConfigError);
      expect(() => load()).toThrow(/channels\[0\]\.secrt: no such key; a scripted channel takes secret/);
      // Without the registration the type itself is unknown.
      expect(() => loadAppConfig({ INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}` }, dir))
        .toThrow(/channels\[0\]\.type: expected one of webchat, telegram, whatsapp, email, vk, got "scripted"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes messages in through its webhook, shows its capabilities, sends replies through the outbox and the reply box', async () => {
    const peer = new ScriptedChannel('peer');
    const t = await bed.startApp({ configYaml: CONFIG, channelTypes: [scriptedChannelType(peer)] });

    // Ingest: a forged secret stores nothing; a redelivered message is stored once.
    const hook = (secret: string, body: object) => request(t.url).post('/webhooks/scripted/peer').set('X-Scripted-Secret', secret).set('Content-Type', 'application/json').send(body);
    const message = { id: 'p-1', from: 'client-42', name: 'Ольга', text: 'Где мой заказ?' };
    await hook('forged', message).expect(401);
    const first = await hook('peer-secret-1', message).expect(200);
    const again = await hook('peer-secret-1', message).expect(200);
    expect(again.body).toMatchObject({ duplicate: true, conversationId: first.body.conversationId });
    const conversationId = first.body.conversationId;
    const stored = (await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200)).body.items;
    expect(stored.map((m: { body: string }) => m.body)).toEqual(['Где мой заказ?']);

    // The API: the channel's capabilities and the type's name and badge, from its registration.
    const channels = (await request(t.url).get('/api/channels').set(auth).expect(200)).body;
    expect(channels.items).toEqual([expect.objectContaining({
      id: 'peer', type: 'scripted', state: 'ready',
      capabilities: expect.objectContaining({ kind: 'chat', text: { maxLength: 500, overflow: 'split' }, attachments: { send: ['document'], maxBytes: { document: 1048576 } } }),
    })]);
    expect(channels.types.map((v: { type: string }) => v.type)).toEqual(['webchat', 'telegram', 'whatsapp', 'email', 'vk', 'scripted']);
    expect(channels.types.at(-1)).toMatchObject({ displayName: { en: 'Scripted peer', ru: 'Сценарный канал' }, badge: { short: 'SCR', colour: '#5b6b2f' } });
    const long = 'Подробный ответ. '.repeat(40);
    await request(t.url).post('/api/channels/peer/reply-parts').set(auth).send({ text: long }).expect(200, { maxLength: 500, parts: 2 });
    await request(t.url).post('/api/channels/peer/reply-parts').send({ text: long }).expect(401);

    // The SLA defaults follow its kind (chat: minutes, not hours).
    const policies = (await request(t.url).get('/api/policies').set(auth).expect(200)).body;
    expect(policies.types.scripted).toMatchObject({ firstResponse: '5m' });

    // The outbox: a reply through the API reaches the peer.
    await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'Проверяем' }).expect(201);
    await eventually(() => expect(peer.sent.map((m) => m.text)).toEqual(['Проверяем']));

    // The web inbox: its badge, files offered (it sends documents), a long reply announced in parts, Enter sends.
    const browser = await bed.launchBrowser();
    const agent = await browser.newPage();
    await signIn(agent, t.url, ADMIN_TOKEN, `/?c=${conversationId}`);
    await agent.locator('.msg-in', { hasText: 'Где мой заказ?' }).waitFor();
    const badge = agent.locator('.conversation-header [data-channel-type=scripted], [data-channel-type=scripted]').first();
    await expect(badge.getAttribute('title')).resolves.toContain('Сценарный канал');
    await expect(badge.locator('.channel-tag').textContent()).resolves.toBe('SCR');
    await expect(badge.locator('.channel-tag').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(91, 107, 47)');
    await expect(agent.locator('input[name=attach]').count()).resolves.toBe(1);
    await agent.fill('textarea[name=reply]', long);
    await expect(agent.locator('.parts').textContent()).resolves.toBe('Длиннее 500 символов: уйдёт 2 частями.');
    await agent.fill('textarea[name=reply]', 'Заказ в пути');
    await agent.locator('.parts').waitFor({ state: 'detached' }); // the hint goes once the text is short again
    await agent.setInputFiles('input[name=attach]', { name: 'накладная.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 waybill') });
    await agent.locator('.picked-files li', { hasText: 'накладная.pdf' }).waitFor();
    await agent.press('textarea[name=reply]', 'Enter');
    await eventually(() => expect(peer.sent.map((m) => m.text)).toEqual(['Проверяем', 'Заказ в пути']));
    expect(peer.sent[1].attachments?.map((a) => [a.name, a.data.toString()])).toEqual([['накладная.pdf', '%PDF-1.4 waybill']]);
    await agent.locator('.msg-out [data-delivery=sent]', { hasText: '' }).first().waitFor();
    expect(browser.errors).toEqual([]);
  });
});
