import request from 'supertest';
import { browserTestBed } from './support/browser';
import { acmeSupportMailbox, configYaml, FAST_OUTBOX } from './support/config-yaml';
import { mailServersPerFile, rawMail } from './support/dovecot';
import { ADMIN_TOKEN, eventually, TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('CSAT by e-mail: five one-click links to the rating page, the comment by reply', () => {
  const servers = mailServersPerFile();
  const bed = browserTestBed();
  let t: TestApp;

  beforeEach(async () => {
    t = await bed.startApp({ configYaml: configYaml({
      server: { publicUrl: 'http://inbox.test/support' },
      channels: [acmeSupportMailbox(servers.imap, servers.smtp, {
        csat: { enabled: true, delay: 0, question: { ru: 'Оцените, пожалуйста, нашу помощь', en: 'Please rate our help' } },
      })],
      outbox: { ...FAST_OUTBOX, retryMaxMs: 200 },
    }) });
  });

  const surveyOf = async (id: number) => (await request(t.url).get(`/api/conversations/${id}/csat`).set(auth).expect(200)).body.survey;

  it('mails the faces as signed links; opening one shows the answer, sending it rates once, a reply to the thanks is the comment, nothing reopens', async () => {
    await servers.imap.append(rawMail({
      From: 'Anna Petrova <anna@customer.test>', To: 'support@acme.test', Subject: 'Order missing', 'Message-ID': '<csat-1@customer.test>',
      Date: new Date().toUTCString(), 'Content-Type': 'text/plain; charset=utf-8',
    }, 'Where is my order?'));
    const conversation = await eventually(async () => (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items[0] ?? Promise.reject(new Error('none')), 15_000);
    await request(t.url).post(`/api/conversations/${conversation.id}/status`).set(auth).send({ status: 'resolved' }).expect(200);

    const survey = await eventually(() => servers.smtp.received.find((m) => /Оцените/.test(m.parsed.text ?? '')) ?? Promise.reject(new Error('not mailed')), 15_000);
    const links = [...String(survey.parsed.html).matchAll(/href="(http:\/\/inbox\.test\/support\/choices\/[^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(5);
    expect(survey.parsed.text).toContain(`🤩 ${links[0]}`);
    const path = (url: string) => new URL(url).pathname.replace(/^\/support/, '');

    // A forged token answers nothing; a mail scanner's HEAD and GET only see the page with its button.
    await request(t.url).get(`${path(links[0]).slice(0, -3)}AAA`).expect(404);
    await request(t.url).post(`${path(links[0]).slice(0, -3)}AAA`).expect(404);
    await request(t.url).head(path(links[4])).expect(200);
    const scanned = await request(t.url).get(path(links[1])).expect(200);
    expect(scanned.text).toContain('😀');
    expect(scanned.text).toMatch(/<form method="post"[^>]*><button type="submit">/);
    expect(scanned.headers['content-security-policy']).toMatch(/script-src 'sha256-[\w+/=]+'/);
    await sleep(500);
    expect(await surveyOf(conversation.id)).toMatchObject({ status: 'sent', rating: null });

    // In a browser without scripts the customer presses the button once; with scripts the page sends it by itself.
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(`${t.url}${path(links[1])}`);
    await page.getByRole('button', { name: /Отправить ответ/ }).waitFor();
    await sleep(500);
    expect(await surveyOf(conversation.id)).toMatchObject({ status: 'sent', rating: null });
    await page.getByRole('button', { name: /Отправить ответ/ }).click();
    await page.getByText('Спасибо за ответ!').waitFor({ timeout: 10_000 });
    await eventually(async () => expect(await surveyOf(conversation.id)).toMatchObject({ status: 'answered', rating: 4 }));
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
    await page.goto(`${t.url}${path(links[1])}`); // opened again, with scripts: sent by itself, stored once
    await page.getByText('Спасибо за ответ!').waitFor({ timeout: 10_000 });
    expect(browser.errors).toEqual([]);
    const again = await request(t.url).post(path(links[1])).expect(200);
    expect(again.text).toContain('Спасибо за ответ!');

    const thanks = await eventually(() => servers.smtp.received.find((m) => /комментарий|добавить/i.test(m.parsed.text ?? '')) ?? Promise.reject(new Error('no thanks')), 15_000);
    await servers.imap.append(rawMail({
      From: 'Anna Petrova <anna@customer.test>', To: 'support@acme.test', Subject: 'Re: Order missing', 'Message-ID': '<csat-2@customer.test>',
      'In-Reply-To': thanks.header('message-id')!, References: thanks.header('message-id')!, Date: new Date().toUTCString(), 'Content-Type': 'text/plain; charset=utf-8',
    }, 'Courier was late, but you helped.'));
    await eventually(async () => expect(await surveyOf(conversation.id)).toMatchObject({ comment: 'Courier was late, but you helped.' }), 15_000);
    const all = (await request(t.url).get('/api/conversations').query({ status: 'open,pending,snoozed,resolved' }).set(auth).expect(200)).body.items;
    expect(all).toEqual([expect.objectContaining({ id: conversation.id, status: 'resolved' })]);
  }, 90_000);
});
