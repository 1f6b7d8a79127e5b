import { cannedTriggerAt, replaceRange } from './canned-trigger';

describe('the / picker in the reply box', () => {
  it('opens on a slash at the start of the text or of a word, with what follows as the search', () => {
    expect(cannedTriggerAt('/', 1)).toEqual({ start: 0, query: '' });
    expect(cannedTriggerAt('/дост', 5)).toEqual({ start: 0, query: 'дост' });
    expect(cannedTriggerAt('Добрый день!\n/ref', 17)).toEqual({ start: 13, query: 'ref' });
    expect(cannedTriggerAt('hello /ref more', 10)).toEqual({ start: 6, query: 'ref' });
  });

  it('stays shut for a slash inside a word, after a space was typed, or before the caret reaches it', () => {
    expect(cannedTriggerAt('и/или', 5)).toBeNull();
    expect(cannedTriggerAt('https://example.com', 19)).toBeNull();
    expect(cannedTriggerAt('/ref ', 5)).toBeNull();
    expect(cannedTriggerAt('hello /ref', 3)).toBeNull();
  });

  it('replaces the typed /word with the reply and puts the caret after it, so several go in one message', () => {
    const first = replaceRange('Hi /hel', 3, 7, 'Здравствуйте, Ольга!');
    expect(first).toEqual({ text: 'Hi Здравствуйте, Ольга!', caret: 23 });
    const second = replaceRange(`${first.text}\n/bye tail`, 24, 28, 'До свидания');
    expect(second.text).toBe('Hi Здравствуйте, Ольга!\nДо свидания tail');
    expect(second.caret).toBe(35);
  });
});
