import type { ConfigProblems } from '@app/platform/config';
import { validateEmailSettings } from './email.config';

describe('validateEmailSettings', () => {
  it('fills defaults: TLS on, standard ports, INBOX, a minute between polls', () => {
    const reader = { problems: [] } as ConfigProblems;
    const settings = validateEmailSettings({
      address: 'support@acme.test',
      imap: { host: 'imap.acme.test', user: 'support', password: 'p' },
      smtp: { host: 'smtp.acme.test' },
    }, 'channels[1]', reader);
    expect(reader.problems).toEqual([]);
    expect(settings).toEqual({
      address: 'support@acme.test',
      imap: { host: 'imap.acme.test', port: 993, secure: true, user: 'support', password: 'p', mailbox: 'INBOX', pollSeconds: 60 },
      smtp: { host: 'smtp.acme.test', port: 465, secure: true, user: undefined, password: undefined },
    });
  });

  it('takes explicit ports and plain connections', () => {
    const reader = { problems: [] } as ConfigProblems;
    const settings = validateEmailSettings({
      address: 'help@acme.test',
      imap: { host: '127.0.0.1', port: '1143', secure: false, user: 'u', password: 'p', mailbox: 'Support' },
      smtp: { host: '127.0.0.1', port: 2525, secure: 'false', user: 'u', password: 'p' },
    }, 'channels[0]', reader);
    expect(reader.problems).toEqual([]);
    expect(settings).toMatchObject({ imap: { port: 1143, secure: false, mailbox: 'Support' }, smtp: { port: 2525, secure: false, user: 'u' } });
  });

  it('names every bad or missing key', () => {
    const reader = { problems: [] } as ConfigProblems;
    validateEmailSettings({ address: 'not an address', imap: { host: 'h', port: 99999, user: 'u' }, smtp: { host: 'h', user: 'u' } }, 'channels[2]', reader);
    expect(reader.problems).toEqual([
      'channels[2].address: expected an e-mail address such as support@example.com, got "not an address"',
      'channels[2].imap.port: expected a whole number from 1 to 65535, got 99999',
      'channels[2].imap.password: expected a non-empty string, got nothing (the key is missing)',
      'channels[2].smtp.password: expected a password when smtp.user is set, got nothing (the key is missing)',
    ]);
    const empty = { problems: [] } as ConfigProblems;
    validateEmailSettings({}, 'channels[3]', empty);
    expect(empty.problems).toEqual(expect.arrayContaining([
      'channels[3].address: expected a non-empty string, got nothing (the key is missing)',
      'channels[3].imap: expected a mapping, got nothing (the key is missing)',
      'channels[3].smtp: expected a mapping, got nothing (the key is missing)',
    ]));
  });
});
