import { fillTemplate, formatMoment, humanizeWait, renderTemplates } from './render-template.util';

describe('automatic message templates', () => {
  it('fills placeholders through liquid, fallbacks included (unknown ones are refused at config load)', () => {
    expect(fillTemplate('by {{ dueAt }}, #{{conversationId}}', { dueAt: 'Tuesday 10:00', conversationId: '7' }))
      .toBe('by Tuesday 10:00, #7');
    expect(fillTemplate('{{ wait | default: "недолго" }}', {})).toBe('недолго');
  });

  it('writes Russian then English for both', () => {
    const text = renderTemplates({ ru: 'до {{t}}', en: 'by {{t}}' }, 'both', (lang) => ({ t: lang }));
    expect(text).toBe('до ru\n\nby en');
  });

  it('formats a moment in the zone customers read it in', () => {
    const at = new Date('2026-11-24T07:00:00Z'); // 10:00 in Moscow
    expect(formatMoment(at, 'Europe/Moscow', 'en')).toMatch(/^Tuesday 24 November 10:00 \(Europe\/Moscow\)$/);
    expect(formatMoment(at, 'Europe/Moscow', 'ru')).toMatch(/^вторник 24 ноября 10:00 \(Europe\/Moscow\)$/);
  });

  it('rounds waits up and declines Russian numerals', () => {
    expect(humanizeWait(61_000, 'en')).toBe('2 minutes');
    expect(humanizeWait(60_000, 'ru')).toBe('1 минута');
    expect(humanizeWait(3 * 60_000, 'ru')).toBe('3 минуты');
    expect(humanizeWait(11 * 60_000, 'ru')).toBe('11 минут');
    expect(humanizeWait(22 * 60_000, 'ru')).toBe('22 минуты');
    expect(humanizeWait(5 * 3_600_000, 'ru')).toBe('5 часов');
    expect(humanizeWait(2 * 3_600_000, 'en')).toBe('2 hours');
  });
});
