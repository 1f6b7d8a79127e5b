import { KeyPress, moveCursor, shortcutAction } from './shortcuts';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, target: { tagName: 'BODY' }, ...over });

describe('shortcutAction', () => {
  it('maps the inbox keys', () => {
    expect(['j', 'k', 'r', 'n', 'e', 'a', '/', '?'].map((k) => shortcutAction(press(k))))
      .toEqual(['next', 'previous', 'reply', 'note', 'resolve', 'assignToMe', 'cannedReplies', 'help']);
    expect(shortcutAction(press('Enter'))).toBe('open');
    expect(shortcutAction(press('J'))).toBe('next'); // Caps Lock
  });

  it('fires nothing while typing in a field, but Escape leaves it', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT']) expect(shortcutAction(press('e', { target: { tagName } }))).toBeNull();
    expect(shortcutAction(press('r', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
    expect(shortcutAction(press('Escape', { target: { tagName: 'TEXTAREA' } }))).toBe('close');
  });

  it('leaves the browser\'s own shortcuts and a focused button\'s Enter alone', () => {
    expect(shortcutAction(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutAction(press('k', { metaKey: true }))).toBeNull();
    expect(shortcutAction(press('e', { altKey: true }))).toBeNull();
    expect(shortcutAction(press('Enter', { target: { tagName: 'BUTTON' } }))).toBeNull();
    expect(shortcutAction(press('x'))).toBeNull();
  });
});

describe('moveCursor', () => {
  it('starts at the first (down) or last (up) row and stays within the list', () => {
    expect(moveCursor(-1, 5, 1)).toBe(0);
    expect(moveCursor(-1, 5, -1)).toBe(4);
    expect(moveCursor(4, 5, 1)).toBe(4);
    expect(moveCursor(0, 5, -1)).toBe(0);
    expect(moveCursor(2, 5, 1)).toBe(3);
    expect(moveCursor(0, 0, 1)).toBe(-1);
  });
});
