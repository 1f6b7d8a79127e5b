import { SendError } from '../channel-adapter';
import { reasonOf, redactToken, sendErrorOf, telegramFailureOf } from './telegram-errors';

const telegramError = (error_code: number, description: string, parameters?: object) =>
  Object.assign(new Error(`${error_code}: ${description}`), { response: { ok: false, error_code, description, parameters } });

describe('telegram errors', () => {
  it('reads code, description and retry_after from a TelegramError', () => {
    expect(telegramFailureOf(telegramError(429, 'Too Many Requests: retry after 3', { retry_after: 3 }))).toEqual({
      code: 429, description: 'Too Many Requests: retry after 3', retryAfterSeconds: 3,
    });
    expect(telegramFailureOf(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toEqual({ description: 'connect ECONNREFUSED 127.0.0.1:1' });
  });

  it('makes a blocked user a permanent failure with Telegram\'s reason', () => {
    const err = sendErrorOf(telegramFailureOf(telegramError(403, 'Forbidden: bot was blocked by the user')));
    expect(err).toBeInstanceOf(SendError);
    expect(err.message).toBe('Forbidden: bot was blocked by the user');
    expect(err.options).toEqual({ permanent: true });
  });

  it('passes retry_after on, and retries other failures normally', () => {
    expect(sendErrorOf({ code: 429, description: 'Too Many Requests', retryAfterSeconds: 7 }).options).toEqual({ retryAfterMs: 7000 });
    const transient = sendErrorOf({ code: 502, description: 'Bad Gateway' });
    expect(transient.options).toEqual({});
    expect(transient.message).toBe('502: Bad Gateway');
  });

  it('states the reason for health and hides tokens', () => {
    expect(reasonOf({ code: 401, description: 'Unauthorized' })).toBe('Telegram answered 401: Unauthorized');
    expect(redactToken('request to http://x/bot123456:AAH-x_y/getMe failed')).toBe('request to http://x/bot<token>/getMe failed');
    expect(telegramFailureOf(new Error('GET http://x/file/bot1:abc/photos/1.jpg: 500')).description).toBe('GET http://x/file/bot<token>/photos/1.jpg: 500');
  });
});
