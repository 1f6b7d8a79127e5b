import type { AppConfig } from '@app/platform/config/app-config';
import { botConfigValidator, parseBotSettings } from './bot-config';

describe('bot settings', () => {
  it('no section: no bot; a section turns it on for chats, while e-mail needs enabled: true', () => {
    expect(parseBotSettings(undefined, 'chat', 'channels[0].bot', []).enabled).toBe(false);
    expect(parseBotSettings({}, 'chat', 'channels[0].bot', []).enabled).toBe(true);
    expect(parseBotSettings('on', 'chat', 'channels[0].bot', []).enabled).toBe(true);
    expect(parseBotSettings({ greeting: 'Привет, я бот' }, 'mail', 'channels[0].bot', []).enabled).toBe(false);
    expect(parseBotSettings({ enabled: true }, 'mail', 'channels[0].bot', []).enabled).toBe(true);
  });

  it('takes texts as one string or { ru, en }, with defaults for the rest', () => {
    expect(parseBotSettings({ greeting: { ru: 'Я бот', en: 'I am a bot' }, handoverWords: ['менеджер'], minScore: '0.7', maxAnswers: 5, language: 'en' }, 'chat', 'b', [])).toEqual({
      enabled: true, greeting: { ru: 'Я бот', en: 'I am a bot' }, handoverWords: ['менеджер'], minScore: 0.7, maxAnswers: 5, language: 'en',
    });
    expect(parseBotSettings({ greeting: 'Бот' }, 'chat', 'b', []).greeting).toEqual({ ru: 'Бот', en: 'Бот' });
  });

  it('names every bad key', () => {
    const problems: string[] = [];
    parseBotSettings({ enabld: true, minScore: 2, maxAnswers: 0, handoverWords: [] }, 'chat', 'channels[1].bot', problems);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^channels\[1\]\.bot\.enabld: no such key/),
      'channels[1].bot.minScore: expected a number from 0 to 1, got 2',
      'channels[1].bot.maxAnswers: expected a whole number from 1 to 20, got 0',
      expect.stringMatching(/^channels\[1\]\.bot\.handoverWords: expected at least one word/),
    ]));
  });

  it('checks every channel\'s bot at boot, by its path', () => {
    const config = { channels: [{ id: 'mail', type: 'email', bot: { enabled: 'yes' } }, { id: 'chat', type: 'webchat' }] } as unknown as AppConfig;
    const reader = { problems: [] as string[] };
    botConfigValidator((type) => (type === 'email' ? 'mail' : 'chat'))(config, reader);
    expect(reader.problems).toEqual(['channels[0].bot.enabled: expected true or false, got "yes"']);
  });
});
