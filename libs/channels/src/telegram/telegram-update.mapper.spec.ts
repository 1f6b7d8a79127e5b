import { contactNameOf, mapUpdate, TelegramMessage } from './telegram-update.mapper';

const anna = { id: 42, is_bot: false, first_name: 'Анна', last_name: 'Петрова', username: 'anna_p' };
const message = (fields: Partial<TelegramMessage> = {}): TelegramMessage => ({
  message_id: 7,
  date: 1_700_000_000,
  chat: { id: 42, type: 'private', first_name: 'Анна' },
  from: anna,
  ...fields,
});

describe('contactNameOf', () => {
  it('uses first and last name, else the username, else nothing', () => {
    expect(contactNameOf(anna)).toBe('Анна Петрова');
    expect(contactNameOf({ first_name: 'Анна' })).toBe('Анна');
    expect(contactNameOf({ first_name: '  ', last_name: 'Lee ' })).toBe('Lee');
    expect(contactNameOf({ first_name: '', username: 'kate' })).toBe('@kate');
    expect(contactNameOf({})).toBeNull();
  });
});

describe('mapUpdate', () => {
  it('calls an update unreadable, naming the field, when it is not shaped as the Bot API says', () => {
    const bad = (m: unknown, key = 'message') => mapUpdate({ update_id: 9, [key]: m } as never);
    expect(bad({ ...message({ text: 'x' }), chat: null })).toEqual({ kind: 'unreadable', reason: 'update 9 is not a Bot API update: message.chat is not a chat with a numeric id and a type' });
    expect(bad(message({ text: {} as never }))).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('message.text is not a string') });
    expect(bad(message({ caption: 5 as never }))).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('message.caption') });
    expect(bad({ ...message(), from: 'anna' })).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('message.from') });
    expect(bad(message({ photo: 'big' as never }))).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('message.photo') });
    expect(bad(message({ document: {} as never }))).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('message.document') });
    expect(bad({ ...message(), message_id: '7' }, 'edited_message')).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('edited_message.message_id') });
    expect(bad([])).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('message is not an object') });
    expect(bad(null)).toMatchObject({ kind: 'ignored' });
  });

  it('carries the user\'s language_code as the customer\'s language', () => {
    const mapped = mapUpdate({ update_id: 1, message: message({ text: 'Hi', from: { ...anna, language_code: 'en' } }) });
    expect(mapped.kind === 'message' && mapped.message.language).toBe('en');
  });

  it('maps a text message: chat-scoped id, user id as the contact, the name, the time', () => {
    expect(mapUpdate({ update_id: 1, message: message({ text: 'Где мой заказ?' }) })).toEqual({
      kind: 'message',
      files: [],
      message: {
        externalId: '42:7',
        sender: { externalId: '42', name: 'Анна Петрова' },
        text: 'Где мой заказ?',
        sentAt: new Date(1_700_000_000_000),
        meta: { chatId: 42, telegramMessageId: 7 },
      },
    });
  });

  it('keeps /start and its deep-link payload', () => {
    const plain = mapUpdate({ update_id: 1, message: message({ text: '/start' }) });
    expect(plain).toMatchObject({ kind: 'message', message: { text: '/start', meta: { command: 'start' } } });
    const linked = mapUpdate({ update_id: 2, message: message({ text: '/start order-123' }) });
    expect(linked).toMatchObject({ message: { meta: { command: 'start', startPayload: 'order-123' } } });
    expect(mapUpdate({ update_id: 3, message: message({ text: '/started' }) })).not.toMatchObject({ message: { meta: { command: 'start' } } });
  });

  it('takes the largest photo size and the caption as the text', () => {
    const mapped = mapUpdate({
      update_id: 1,
      message: message({
        caption: 'чек',
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 1000 },
          { file_id: 'large', file_unique_id: 'L', width: 1280, height: 1280, file_size: 90_000 },
        ],
      }),
    });
    expect(mapped).toMatchObject({ kind: 'message', message: { text: 'чек' }, files: [{ fileId: 'large', name: 'photo-L.jpg', contentType: 'image/jpeg', size: 90_000 }] });
  });

  it('names documents, voice and video notes', () => {
    const doc = mapUpdate({ update_id: 1, message: message({ document: { file_id: 'd', file_unique_id: 'du', file_name: 'invoice.pdf', mime_type: 'application/pdf', file_size: 5 } }) });
    expect(doc).toMatchObject({ message: { text: '' }, files: [{ fileId: 'd', name: 'invoice.pdf', contentType: 'application/pdf', size: 5 }] });
    const voice = mapUpdate({ update_id: 2, message: message({ voice: { file_id: 'v', file_unique_id: 'vu', mime_type: 'audio/ogg' } }) });
    expect(voice).toMatchObject({ files: [{ fileId: 'v', name: 'voice-vu.ogg', contentType: 'audio/ogg', size: undefined }] });
    const note = mapUpdate({ update_id: 3, message: message({ video_note: { file_id: 'n', file_unique_id: 'nu', file_size: 9 } }) });
    expect(note).toMatchObject({ files: [{ fileId: 'n', name: 'video-note-nu.mp4', contentType: 'video/mp4' }] });
  });

  it('stores other kinds as a visible placeholder', () => {
    expect(mapUpdate({ update_id: 1, message: message({ sticker: { emoji: '👍' } }) })).toMatchObject({ message: { text: '[sticker 👍]' } });
    expect(mapUpdate({ update_id: 2, message: message({ location: { latitude: 1, longitude: 2 } }) })).toMatchObject({ message: { text: '[location]' } });
  });

  it('maps an edit by the same key, with the edit time', () => {
    expect(mapUpdate({ update_id: 5, edited_message: message({ text: 'fixed', edit_date: 1_700_000_060 }) })).toEqual({
      kind: 'edit', externalId: '42:7', text: 'fixed', editedAt: new Date(1_700_000_060_000),
    });
  });

  it('ignores group chats, bots and updates without a message', () => {
    expect(mapUpdate({ update_id: 1, message: message({ chat: { id: -100, type: 'supergroup' }, text: 'hi' }) }).kind).toBe('ignored');
    expect(mapUpdate({ update_id: 2, message: message({ from: { id: 9, is_bot: true, first_name: 'B' }, text: 'hi' }) }).kind).toBe('ignored');
    expect(mapUpdate({ update_id: 3 })).toEqual({ kind: 'ignored', reason: 'update 3 carries no message' });
  });

  it('names the contact from the chat when from is absent', () => {
    const mapped = mapUpdate({ update_id: 1, message: message({ from: undefined, chat: { id: 5, type: 'private', username: 'kate' }, text: 'x' }) });
    expect(mapped).toMatchObject({ message: { sender: { externalId: '5', name: '@kate' } } });
  });

  it('maps a button press to a message carrying the choice, keyed by the callback query id', () => {
    const query = { id: '889', from: { id: 42, first_name: 'Анна' }, message: { message_id: 9, chat: { id: 42, type: 'private' } }, data: 'c:17:5' };
    expect(mapUpdate({ update_id: 6, callback_query: query })).toEqual({
      kind: 'message', files: [],
      message: { externalId: 'callback:889', sender: { externalId: '42', name: 'Анна' }, text: '', choice: { messageId: 17, id: '5' }, meta: { chatId: 42, callbackQueryId: '889' } },
    });
    expect(mapUpdate({ update_id: 7, callback_query: { ...query, data: 'other-bot-data' } }).kind).toBe('ignored');
    expect(mapUpdate({ update_id: 8, callback_query: { ...query, message: { message_id: 9, chat: { id: -5, type: 'group' } } } }).kind).toBe('ignored');
    expect(mapUpdate({ update_id: 9, callback_query: { id: 5 } as never }).kind).toBe('unreadable');
  });
});
