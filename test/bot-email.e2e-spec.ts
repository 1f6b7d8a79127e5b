import request from 'supertest';
import { acmeSupportMailbox, configYaml, FAST_OUTBOX } from './support/config-yaml';
import { mailServersPerFile, rawMail } from './support/dovecot';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

interface MessageItem { id: number; direction: string; body: string; automatic: boolean }

function mail(id: string, subject: string, body: string, extra: Record<string, string> = {}): string {
  return rawMail({
    From: 'Anna Petrova <anna@customer.test>', To: 'ACME Support <support@acme.test>', Subject: subject,
    'Message-ID': `<${id}@customer.test>`, Date: new Date().toUTCString(), ...extra, 'Content-Type': 'text/plain; charset=utf-8',
  }, body);
}

describe('the bot on e-mail (real Dovecot over IMAP, real SMTP receiver)', () => {
  const servers = mailServersPerFile();
  let t: TestApp | null = null;

  const conversations = async () => (await request(t!.url).get('/api/conversations?bot=include').set(auth).expect(200)).body.items;
  const messages = async (id: number): Promise<MessageItem[]> => (await request(t!.url).get(`/api/conversations/${id}/messages`).set(auth).expect(200)).body.items;
  const start = async (bot: Record<string, unknown>) => {
    t = await startTestApp({ configYaml: configYaml({
      channels: [acmeSupportMailbox(servers.imap, servers.smtp, { bot })], outbox: { ...FAST_OUTBOX, retryMaxMs: 200 },
    }) });
    await request(t.url).post('/api/kb/articles').set(auth)
      .send({ title: 'Оплата банковской картой', body: 'Мы принимаем карты Visa, Mastercard и «Мир».', category: 'Оплата', language: 'ru', status: 'published' }).expect(201);
  };

  beforeEach(() => {
    servers.smtp.received.length = 0;
  });
  afterEach(async () => {
    await t?.destroy();
    t = null;
  });

  it('is off by default: a bot section without enabled: true leaves e-mail to the agents and their SLA clock', async () => {
    await start({ greeting: 'Я бот' });
    await servers.imap.append(mail('off-1', 'Оплата картой', 'Можно оплатить картой?'));
    const [c] = await eventually(async () => {
      const list = await conversations();
      expect(list).toHaveLength(1);
      return list;
    }, 8000);
    expect(c).toMatchObject({ bot: null, awaitingReply: true });
    expect(c.firstResponseDueAt).not.toBeNull();
    // Only the SLA acknowledgement goes out, no bot.
    const ack = await servers.smtp.waitFor(1);
    expect(ack.parsed.text).toMatch(/Мы получили ваше обращение/);
    await new Promise((r) => setTimeout(r, 500));
    expect(servers.smtp.received).toHaveLength(1);
    expect((await messages(c.id)).filter((m) => m.direction === 'out').every((m) => !/бот/i.test(m.body))).toBe(true);
  });

  it('enabled, it answers a person once per message and never an auto-reply: no loop with an automatic sender', async () => {
    await start({ enabled: true });
    await servers.imap.append(mail('on-1', 'Оплата картой', 'Можно оплатить картой?'));
    await servers.smtp.waitFor(3, 8000); // greeting, the article, "did this help?"
    const answer = servers.smtp.received.find((m) => /Оплата банковской картой/.test(m.parsed.text ?? ''))!;
    expect(answer.header('auto-submitted')).toBe('auto-replied');
    const [c] = await conversations();
    expect(c.bot).toEqual({ state: 'active', handoverReason: null });

    // The customer's vacation responder answers the bot, twice: stored, never answered.
    const ourId = servers.smtp.received[servers.smtp.received.length - 1].header('message-id')!;
    for (const n of [1, 2]) {
      await servers.imap.append(mail(`vacation-${n}`, 'Auto: Re: Оплата картой', 'I am out of office until Monday.', { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': ourId, References: ourId }));
    }
    await eventually(async () => expect((await messages(c.id)).filter((m) => m.direction === 'in')).toHaveLength(3), 8000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(servers.smtp.received).toHaveLength(3);
    expect((await request(t!.url).get(`/api/conversations/${c.id}`).set(auth).expect(200)).body).toMatchObject({ bot: { state: 'active' }, firstResponseDueAt: null });

    // The customer answers "yes" above the quoted question (which names the handover word): the bot reads only their words.
    const quoted = (servers.smtp.received[2].parsed.text ?? '').split('\n').map((line) => `> ${line}`).join('\n');
    await servers.imap.append(mail('on-2', 'Re: Оплата картой', `Да, спасибо\n\n${quoted}`, { 'In-Reply-To': ourId, References: ourId }));
    await eventually(async () => expect((await request(t!.url).get(`/api/conversations/${c.id}`).set(auth).expect(200)).body)
      .toMatchObject({ status: 'resolved', bot: { state: 'resolved' } }), 8000);
  });
});
