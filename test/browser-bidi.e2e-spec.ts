import request from 'supertest';
import { DataSource } from 'typeorm';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { ADMIN_TOKEN } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SPOOFED = 'Bob \u202Eexe.gnp'; // shows as "Bob png.exe" where it is not isolated

describe('the web inbox isolates what customers typed (direction controls cannot reorder the page)', () => {
  const bed = browserTestBed();

  it('strips direction controls from a new name, and shows a stored name that still has one isolated and without it in the list, the header and the messages', async () => {
    const t = await bed.startApp();
    await (await visitor(t.url, 'visitor-bidi-0001'))
      .send({ name: SPOOFED, text: 'Please open \u202Eexe.gnp for me', clientMessageId: 'b1' }).expect(201);
    const [row] = (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items;
    expect(row.contact.name).toBe('Bob exe.gnp'); // the inbound rule: names lose direction controls

    // A contact stored before that rule may still carry one: the page isolates the name and shows it by the same rule.
    await t.app.get(DataSource).query('UPDATE contacts SET name = ? WHERE id = ?', [SPOOFED, row.contact.id]);
    expect((await request(t.url).get(`/api/conversations/${row.id}`).set(auth).expect(200)).body.contact.name).toBe(SPOOFED);

    const browser = await bed.launchBrowser({ locale: 'en-US' });
    const page = await browser.newPage();
    await signIn(page, t.url, ADMIN_TOKEN);
    const isolation = (selector: string) => page.locator(selector).first().evaluate((el) => ({
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      tag: el.tagName.toLowerCase(), bidi: (el as any).ownerDocument.defaultView.getComputedStyle(el).unicodeBidi as string, text: el.textContent,
    }));

    const listName = page.locator('.row .row-contact');
    await listName.waitFor();
    expect(await isolation('.row .row-contact')).toEqual({ tag: 'bdi', bidi: 'isolate', text: 'Bob exe.gnp' });
    expect(await isolation('.row .row-preview')).toEqual({ tag: 'bdi', bidi: 'isolate', text: 'Please open \u202Eexe.gnp for me' });

    await page.locator('.row').first().click();
    await page.locator('.msg-in').waitFor();
    expect(await isolation('.conv-head h2 bdi')).toEqual({ tag: 'bdi', bidi: 'isolate', text: 'Bob exe.gnp' });
    expect(await isolation('.msg-in .msg-author')).toEqual({ tag: 'bdi', bidi: 'isolate', text: 'Bob exe.gnp' });
    expect(await isolation('.msg-in .msg-text')).toMatchObject({ tag: 'div', bidi: 'plaintext' });

    // The header line after the name is laid out left to right as written: "#id" is not pulled into the name.
    const nameBox = await page.locator('.conv-head h2 bdi').boundingBox();
    const idBox = await page.locator('.conv-head .conv-sub').boundingBox();
    expect(nameBox!.x).toBeLessThanOrEqual(idBox!.x + 1);
    await screenshot(page, 'bidi-isolated-name');
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
