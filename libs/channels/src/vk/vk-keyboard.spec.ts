import { pressOfVkPayload, vkKeyboardOf } from './vk-keyboard';

describe('vk keyboard', () => {
  it('puts short labels in one row and carries the choice back in the payload', () => {
    const keyboard = JSON.parse(vkKeyboardOf(12, [{ id: '5', label: '🤩' }, { id: '4', label: '😀' }]));
    expect(keyboard.inline).toBe(true);
    expect(keyboard.buttons).toHaveLength(1);
    expect(pressOfVkPayload(keyboard.buttons[0][1].action.payload)).toEqual({ messageId: 12, id: '4' });
  });

  it('gives long labels a row each and ignores foreign payloads', () => {
    expect(JSON.parse(vkKeyboardOf(1, [{ id: 'a', label: 'Первый вариант' }, { id: 'b', label: 'Второй вариант' }])).buttons).toHaveLength(2);
    expect(pressOfVkPayload('{"command":"start"}')).toBeNull();
    expect(pressOfVkPayload('not json')).toBeNull();
    expect(pressOfVkPayload(undefined)).toBeNull();
  });
});
