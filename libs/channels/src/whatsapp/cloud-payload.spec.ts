import { parseCloudWebhook } from './cloud-payload';

const NOW = Date.parse('2025-03-10T12:00:00Z');

function webhook(value: Record<string, unknown>, phoneNumberId = '1234567890') {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001', phone_number_id: phoneNumberId }, ...value } }] }],
  };
}

describe('parseCloudWebhook', () => {
  it('maps text, media, voice and location messages with the sender name', () => {
    const body = webhook({
      contacts: [{ profile: { name: 'Kerry' }, wa_id: '4915112345678' }],
      messages: [
        { from: '4915112345678', id: 'wamid.1', timestamp: '1741600000', type: 'text', text: { body: 'Hello' } },
        { from: '4915112345678', id: 'wamid.2', timestamp: '1741600001', type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg', caption: 'the broken part' } },
        { from: '4915112345678', id: 'wamid.3', timestamp: '1741600002', type: 'document', document: { id: 'media-2', mime_type: 'application/pdf', filename: 'invoice.pdf' } },
        { from: '4915112345678', id: 'wamid.4', timestamp: '1741600003', type: 'audio', audio: { id: 'media-3', mime_type: 'audio/ogg; codecs=opus', voice: true } },
        { from: '4915112345678', id: 'wamid.5', timestamp: '1741600004', type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Office' } },
        { from: '4915112345678', id: 'wamid.6', timestamp: '1741600005', type: 'text', text: { body: 'and this' }, context: { from: '15550001', id: 'wamid.out' } },
      ],
    });
    const { messages, statuses } = parseCloudWebhook(body, '1234567890', NOW);
    expect(statuses).toEqual([]);
    expect(messages.map((m) => [m.id, m.type, m.text, m.media?.kind ?? null])).toEqual([
      ['wamid.1', 'text', 'Hello', null],
      ['wamid.2', 'image', 'the broken part', 'image'],
      ['wamid.3', 'document', '', 'document'],
      ['wamid.4', 'audio', '', 'voice'],
      ['wamid.5', 'location', 'Location: Office (52.52,13.405) https://maps.google.com/?q=52.52,13.405', null],
      ['wamid.6', 'text', 'and this', null],
    ]);
    expect(messages[0]).toMatchObject({ from: '4915112345678', name: 'Kerry', timestampMs: 1741600000_000, replyToId: null });
    expect(messages[2].media).toEqual({ id: 'media-2', kind: 'document', mimeType: 'application/pdf', filename: 'invoice.pdf' });
    expect(messages[5].replyToId).toBe('wamid.out');
  });

  it('maps statuses with the failure reason and ignores unknown ones', () => {
    const body = webhook({
      statuses: [
        { id: 'wamid.a', status: 'read', timestamp: '1741600010', recipient_id: '49151' },
        { id: 'wamid.a', status: 'delivered', timestamp: '1741600009', recipient_id: '49151' },
        { id: 'wamid.b', status: 'failed', timestamp: '1741600011', recipient_id: '49151', errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'the recipient cannot receive it' } }] },
        { id: 'wamid.c', status: 'deleted', timestamp: '1741600012', recipient_id: '49151' },
      ],
    });
    expect(parseCloudWebhook(body, '1234567890', NOW).statuses).toEqual([
      { id: 'wamid.a', status: 'read', timestampMs: 1741600010_000, recipientId: '49151' },
      { id: 'wamid.a', status: 'delivered', timestampMs: 1741600009_000, recipientId: '49151' },
      { id: 'wamid.b', status: 'failed', timestampMs: 1741600011_000, recipientId: '49151', error: 'Message undeliverable (131026): the recipient cannot receive it' },
    ]);
  });

  it('leaves out other phone numbers, reactions and malformed bodies', () => {
    const other = webhook({ messages: [{ from: '1', id: 'wamid.x', timestamp: '1', type: 'text', text: { body: 'x' } }] }, '999');
    expect(parseCloudWebhook(other, '1234567890', NOW).messages).toEqual([]);
    const reaction = webhook({ messages: [{ from: '1', id: 'wamid.r', timestamp: '1', type: 'reaction', reaction: { message_id: 'wamid.out', emoji: '👍' } }] });
    expect(parseCloudWebhook(reaction, '1234567890', NOW).messages).toEqual([]);
    expect(parseCloudWebhook(null, '1234567890', NOW)).toEqual({ messages: [], statuses: [] });
    expect(parseCloudWebhook({ entry: 'nope' }, '1234567890', NOW)).toEqual({ messages: [], statuses: [] });
  });

  it('keeps a message type it cannot show as a placeholder, timestamped now when the time is missing', () => {
    const body = webhook({ messages: [{ from: '1', id: 'wamid.u', type: 'unsupported', errors: [{ code: 131051 }] }] });
    const [message] = parseCloudWebhook(body, '1234567890', NOW).messages;
    expect(message.text).toMatch(/does not pass on/);
    expect(message.timestampMs).toBe(NOW);
  });
});
