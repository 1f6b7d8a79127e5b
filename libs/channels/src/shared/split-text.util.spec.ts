import { splitText } from './split-text.util';

const TELEGRAM_TEXT_LIMIT = 4096;
const splitMessage = (text: string, limit = TELEGRAM_TEXT_LIMIT) => splitText(text, limit);

const words = (n: number, word = 'word') => Array.from({ length: n }, () => word).join(' ');
const squash = (s: string) => s.replace(/\s+/g, '');

describe('splitMessage', () => {
  it('keeps a text within the limit whole', () => {
    expect(splitMessage('Здравствуйте!')).toEqual(['Здравствуйте!']);
    expect(splitMessage('x'.repeat(TELEGRAM_TEXT_LIMIT))).toHaveLength(1);
  });

  it('cuts at the last paragraph boundary that fits', () => {
    const a = words(300); // 1499 characters
    const b = words(300);
    const c = words(300);
    expect(splitMessage(`${a}\n\n${b}\n\n${c}`, 3200)).toEqual([`${a}\n\n${b}`, c]);
  });

  it('prefers a sentence end to a mid-sentence space', () => {
    const text = `${'a'.repeat(60)}. ${'b'.repeat(20)} ${'c'.repeat(20)}`;
    expect(splitMessage(text, 90)).toEqual([`${'a'.repeat(60)}.`, `${'b'.repeat(20)} ${'c'.repeat(20)}`]);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(splitMessage(`He said «${'y'.repeat(40)}!» ${'z'.repeat(30)}`, 60)).toEqual([`He said «${'y'.repeat(40)}!»`, 'z'.repeat(30)]);
  });

  it('does not make a needlessly short part from an early paragraph break', () => {
    const text = `Hi,\n\n${words(30)}`; // the only paragraph break is at 3 of 149 characters
    const parts = splitMessage(text, 100);
    expect(parts[0].length).toBeGreaterThan(50);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
  });

  it('cuts a text with no boundary hard, never inside an emoji', () => {
    expect(splitMessage('x'.repeat(10), 4)).toEqual(['xxxx', 'xxxx', 'xx']);
    const parts = splitMessage(`${'x'.repeat(3)}😀${'x'.repeat(3)}`, 4);
    expect(parts).toEqual(['xxx', '😀xx', 'x']);
  });

  it('never exceeds the limit and loses no text on a long real-world reply', () => {
    const paragraph = 'Мы проверили ваш заказ. Курьер передал его в пункт выдачи! Код получения придёт по SMS? ';
    const text = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${paragraph.repeat(3)}`).join('\n\n');
    const parts = splitMessage(text);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => p.length > 0 && p.length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
    expect(squash(parts.join(''))).toBe(squash(text));
    // Each part after the first starts at a paragraph: "N. ".
    expect(parts.slice(1).every((p) => /^\d+\. /.test(p))).toBe(true);
  });
});
