import type { WwebMessageLike } from './whatsapp-web.client';
import { chatIdOf, isCustomerMessage, senderIdOf, textOf } from './whatsapp-web.message';

function message(fields: Partial<WwebMessageLike>): WwebMessageLike {
  return {
    id: { _serialized: 'false_4915112345678@c.us_ABC' }, from: '4915112345678@c.us', fromMe: false, body: '', type: 'chat',
    timestamp: 1741600000, hasMedia: false, downloadMedia: async () => undefined, ...fields,
  };
}

describe('whatsapp-web message mapping', () => {
  it('takes customers in one-to-one chats only', () => {
    expect(isCustomerMessage(message({}))).toBe(true);
    expect(isCustomerMessage(message({ from: '123456@lid' }))).toBe(true);
    expect(isCustomerMessage(message({ fromMe: true }))).toBe(false);
    expect(isCustomerMessage(message({ from: 'status@broadcast', isStatus: true }))).toBe(false);
    expect(isCustomerMessage(message({ from: '1203630@g.us' }))).toBe(false);
    expect(isCustomerMessage(message({ type: 'e2e_notification' }))).toBe(false);
  });

  it('uses the phone as the identity and answers in the same chat', () => {
    expect(senderIdOf('4915112345678@c.us')).toBe('4915112345678');
    expect(senderIdOf('123456@lid')).toBe('123456@lid');
    expect(chatIdOf('4915112345678')).toBe('4915112345678@c.us');
    expect(chatIdOf('+49 151 12345678')).toBe('4915112345678@c.us');
    expect(chatIdOf('123456@lid')).toBe('123456@lid');
  });

  it('turns text, captions and locations into text', () => {
    expect(textOf(message({ body: 'hello' }))).toBe('hello');
    expect(textOf(message({ type: 'image', body: 'caption' }))).toBe('caption');
    expect(textOf(message({ type: 'ptt', body: '' }))).toBe('');
    expect(textOf(message({ type: 'location', body: '', location: { latitude: '52.5', longitude: '13.4', description: 'Office\nMain St 1' } })))
      .toBe('Location: Office (52.5,13.4) https://maps.google.com/?q=52.5,13.4');
    expect(textOf(message({ type: 'poll_creation', body: '' }))).toBe('[WhatsApp poll_creation message]');
  });
});
