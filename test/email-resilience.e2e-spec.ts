import request from 'supertest';
import { Dovecot, mailServersPerFile, rawMail } from './support/dovecot';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

interface Mailbox { id: string; address: string; imap: Dovecot; user: string; password: string; pollSeconds?: number }

function configYaml(mailboxes: Mailbox[], smtp: SmtpSink): string {
  const channels = mailboxes.map((m) => `
  - id: ${m.id}
    type: email
    name: ${m.id}
    address: ${m.address}
    imap: { host: 127.0.0.1, port: ${m.imap.port}, secure: false, user: ${m.user}, password: ${m.password}${m.pollSeconds ? `, pollSeconds: ${m.pollSeconds}` : ''} }
    smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false }`).join('');
  return `
channels:${channels}
outbox: { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 }
`;
}

function mail(id: string, body: string, from = 'anna@customer.test'): string {
  return rawMail({ From: from, To: 'support@acme.test', Subject: `Mail ${id}`, 'Message-ID': `<${id}@customer.test>`, Date: new Date().toUTCString() }, body);
}

describe('e-mail channel: reconnects, resumes and resyncs (real Dovecot)', () => {
  const mailServers = mailServersPerFile({ users: [{ user: 'support', password: 'secret-pass' }, { user: 'sales', password: 'sales-pass' }, { user: 'rebuilt', password: 'rebuilt-pass' }] });
  let t: TestApp | null = null;
  const extra: Dovecot[] = [];
  const support = (): Mailbox => ({ id: 'support', address: 'support@acme.test', imap: mailServers.imap, user: 'support', password: 'secret-pass' });

  /** Every customer message in the inbox, by body, in the order stored. */
  const inboundBodies = async (app: TestApp, channel?: string): Promise<string[]> => {
    const list = (await request(app.url).get('/api/conversations').query(channel ? { channel } : {}).set(auth).expect(200)).body.items as Array<{ id: number }>;
    const all: Array<{ id: number; body: string; direction: string }> = [];
    for (const c of list) all.push(...(await request(app.url).get(`/api/conversations/${c.id}/messages`).set(auth).expect(200)).body.items);
    return all.filter((m) => m.direction === 'in').sort((a, b) => a.id - b.id).map((m) => m.body);
  };
  const channelState = async (app: TestApp, id = 'support') =>
    ((await request(app.url).get('/api/channels').set(auth).expect(200)).body.items as Array<{ id: string; state: string; reason: string | null }>).find((c) => c.id === id)!;

  afterAll(async () => {
    await Promise.all(extra.map((d) => d.destroy()));
  });
  afterEach(async () => {
    await t?.destroy();
    t = null;
  });

  it('picks up mail that arrived while the IMAP server was down, once it is back', async () => {
    t = await startTestApp({ configYaml: configYaml([support()], mailServers.smtp) });
    await mailServers.imap.append(mail('down-1', 'before the outage'));
    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['before the outage']));

    await mailServers.imap.stop();
    await eventually(async () => expect((await channelState(t!)).state).not.toBe('ready'));
    mailServers.imap.deliverToMaildir(mail('down-2', 'during the outage'));
    await mailServers.imap.startServer();

    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['before the outage', 'during the outage']), 15_000);
    await eventually(async () => expect((await channelState(t!)).state).toBe('ready'));
    // And IDLE works on the new connection.
    await mailServers.imap.append(mail('down-3', 'after the outage'));
    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['before the outage', 'during the outage', 'after the outage']));
  }, 30_000);

  it('survives a UIDVALIDITY reset: resyncs, stores nothing twice, and reads on under the new UIDs', async () => {
    const user = 'rebuilt'; // a mailbox of its own: a resync reads everything since the channel started
    t = await startTestApp({ configYaml: configYaml([{ ...support(), user, password: 'rebuilt-pass' }], mailServers.smtp) });
    for (const n of [1, 2, 3]) await mailServers.imap.append(mail(`uv-${n}`, `old ${n}`), user);
    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['old 1', 'old 2', 'old 3']));
    const before = await mailServers.imap.status(user);

    // The mailbox is rebuilt: two old mails are gone, one new arrived, every UID starts again at 1. Reading on
    // from the stored UID alone would find nothing above it and miss the new mail.
    await mailServers.imap.stop();
    expect(mailServers.imap.removeFromMaildir('<uv-2@customer.test>', user) + mailServers.imap.removeFromMaildir('<uv-3@customer.test>', user)).toBe(2);
    mailServers.imap.deliverToMaildir(mail('uv-4', 'new while rebuilt'), user);
    await mailServers.imap.resetUidValidity(user);
    await mailServers.imap.startServer();
    const after = await mailServers.imap.status(user);
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.uidNext).toBeLessThanOrEqual(before.uidNext);

    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['old 1', 'old 2', 'old 3', 'new while rebuilt']), 15_000);
    await mailServers.imap.append(mail('uv-5', 'after the reset'), user);
    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['old 1', 'old 2', 'old 3', 'new while rebuilt', 'after the reset']));
  }, 30_000);

  it('resumes from the last stored UID after the app restarts', async () => {
    t = await startTestApp({ configYaml: configYaml([support()], mailServers.smtp) });
    await mailServers.imap.append(mail('rs-1', 'first run'));
    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['first run']));
    await t.close();

    await mailServers.imap.append(mail('rs-2', 'while the app was down'));
    t = await startTestApp({ dir: t.dir, configYaml: configYaml([support()], mailServers.smtp) });
    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['first run', 'while the app was down']));
  });

  it('runs several mailboxes at once, each answering from its own address', async () => {
    const sales: Mailbox = { id: 'sales', address: 'sales@acme.test', imap: mailServers.imap, user: 'sales', password: 'sales-pass' };
    t = await startTestApp({ configYaml: configYaml([support(), sales], mailServers.smtp) });
    await mailServers.imap.append(mail('mb-1', 'to support'), 'support');
    await mailServers.imap.append(rawMail({ From: 'olga@customer.test', To: 'sales@acme.test', Subject: 'Quote', 'Message-ID': '<mb-2@customer.test>' }, 'to sales'), 'sales');
    await eventually(async () => expect(await inboundBodies(t!, 'support')).toEqual(['to support']));
    await eventually(async () => expect(await inboundBodies(t!, 'sales')).toEqual(['to sales']));

    const ack = await mailServers.smtp.waitForMail((m) => m.envelope.to.includes('olga@customer.test'));
    expect(ack.envelope.from).toBe('sales@acme.test');
    expect(ack.header('message-id')).toMatch(/@acme\.test>$/);
    expect(ack.header('in-reply-to')).toBe('<mb-2@customer.test>');
  });

  it('shows a refused login as the channel\'s error, in the server\'s words, while the rest of the server runs', async () => {
    t = await startTestApp({ configYaml: configYaml([{ ...support(), password: 'wrong-pass' }], mailServers.smtp) });
    const state = await eventually(async () => {
      const s = await channelState(t!);
      expect(s.state).toBe('error');
      return s;
    });
    expect(state.reason).toContain('Authentication failed');
    await request(t.url).get('/api/conversations').set(auth).expect(200);
  });

  it('polls a server without IDLE', async () => {
    const noIdle = await Dovecot.start({ capability: 'IMAP4rev1 LITERAL+ SASL-IR ID ENABLE NAMESPACE UIDPLUS UNSELECT' });
    extra.push(noIdle);
    t = await startTestApp({ configYaml: configYaml([{ ...support(), imap: noIdle, pollSeconds: 1 }], mailServers.smtp) });
    const started = Date.now();
    await noIdle.append(mail('poll-1', 'found by polling'));
    await eventually(async () => expect(await inboundBodies(t!)).toEqual(['found by polling']), 5000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
