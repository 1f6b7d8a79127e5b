import { mapEvent, VkMessage } from './vk-event.mapper';

const message = (fields: Partial<VkMessage> = {}): VkMessage => ({ id: 501, date: 1764000000, peer_id: 7001, from_id: 7001, text: 'Здравствуйте', conversation_message_id: 12, ...fields });
const messageNew = (fields: Partial<VkMessage> = {}) => ({ type: 'message_new', event_id: 'e1', group_id: 1, object: { message: message(fields), client_info: {} } });

describe('mapEvent', () => {
  it('maps a customer\'s message: its id, the sender\'s user id, the time and the reply it quotes', () => {
    expect(mapEvent(messageNew({ reply_message: { id: 480 } }))).toEqual({
      kind: 'message',
      files: [],
      message: {
        externalId: '501',
        sender: { externalId: '7001' },
        text: 'Здравствуйте',
        sentAt: new Date(1764000000 * 1000),
        meta: { peerId: 7001, vkMessageId: 501, conversationMessageId: 12, replyToExternalId: '480' },
      },
    });
  });

  it('takes the largest size of a photo, documents with their name and type, voice messages as ogg', () => {
    const mapped = mapEvent(messageNew({
      text: '',
      attachments: [
        { type: 'photo', photo: { id: 1, owner_id: 7001, sizes: [{ url: 'http://x/s', width: 75, height: 50 }, { url: 'http://x/w', width: 1280, height: 960 }, { url: 'http://x/m', width: 130, height: 97 }] } },
        { type: 'doc', doc: { id: 2, owner_id: 7001, title: 'invoice', ext: 'pdf', size: 1234, url: 'http://x/doc' } },
        { type: 'doc', doc: { id: 3, owner_id: 7001, title: 'scan.PNG', ext: 'png', url: 'http://x/scan' } },
        { type: 'audio_message', audio_message: { id: 4, owner_id: 7001, link_ogg: 'http://x/v.ogg', link_mp3: 'http://x/v.mp3' } },
      ],
    }));
    expect(mapped).toMatchObject({ kind: 'message', message: { text: '' } });
    expect(mapped.kind === 'message' && mapped.files).toEqual([
      { url: 'http://x/w', name: 'photo7001_1.jpg', contentType: 'image/jpeg' },
      { url: 'http://x/doc', name: 'invoice.pdf', contentType: 'application/pdf', size: 1234 },
      { url: 'http://x/scan', name: 'scan.PNG', contentType: 'image/png', size: undefined },
      { url: 'http://x/v.ogg', name: 'voice7001_4.ogg', contentType: 'audio/ogg' },
    ]);
  });

  it('shows stickers and kinds it does not download as placeholders after the text', () => {
    const sticker = mapEvent(messageNew({ text: '', attachments: [{ type: 'sticker', sticker: { sticker_id: 9 } }] }));
    expect(sticker.kind === 'message' && sticker.message.text).toBe('[sticker]');
    const mixed = mapEvent(messageNew({ text: 'смотрите', attachments: [{ type: 'video' }, { type: 'link', link: { url: 'https://shop.example/o/77' } }], geo: { coordinates: { latitude: 55.75, longitude: 37.61 } } }));
    expect(mixed.kind === 'message' && mixed.message.text).toBe('смотрите\n[video]\n[link https://shop.example/o/77]\n[location 55.75,37.61]');
  });

  it('maps a customer\'s edit to the message it changes', () => {
    expect(mapEvent({ type: 'message_edit', object: message({ text: 'исправлено', update_time: 1764000100 }) })).toEqual({
      kind: 'edit', externalId: '501', text: 'исправлено', editedAt: new Date(1764000100 * 1000),
    });
  });

  it('ignores the community\'s own messages, group chats, other communities and other events', () => {
    expect(mapEvent(messageNew({ out: 1 })).kind).toBe('ignored');
    expect(mapEvent(messageNew({ peer_id: 2000000004 })).kind).toBe('ignored');
    expect(mapEvent(messageNew({ from_id: -5 })).kind).toBe('ignored');
    expect(mapEvent({ type: 'message_reply', object: message({ out: 1 }) }).kind).toBe('ignored');
    expect(mapEvent({ type: 'message_edit', object: message({ out: 1 }) }).kind).toBe('ignored');
    expect(mapEvent({ type: 'group_join', object: { user_id: 1 } })).toEqual({ kind: 'ignored', reason: 'event group_join is not a customer\'s message' });
  });
});
